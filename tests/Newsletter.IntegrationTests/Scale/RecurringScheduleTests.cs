using Dapper;
using Newsletter.IntegrationTests.Infrastructure;
using Npgsql;

namespace Newsletter.IntegrationTests.Scale;

/// <summary>The digest schedule is one recurring job for the whole cluster: two instances, and each occurrence runs once.</summary>
public class RecurringScheduleTests
{
    private const int Occurrences = 5;

    [Fact]
    public async Task Each_occurrence_of_the_digest_schedule_runs_once_across_two_instances()
    {
        var database = TestPostgres.CreateDatabase();
        var keys = Path.Combine(Path.GetTempPath(), "newsletter-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["Newsletter__Database"] = "postgres",
                ["ConnectionStrings__Newsletter"] = database,
                ["Newsletter__KeysDirectory"] = keys,
                ["Newsletter__AdminApiKey"] = "recurring-schedule-test-key",
                ["Newsletter__PublicBaseUrl"] = "https://papers.example.test",
                // Every 2 seconds instead of every hour (Hangfire takes cron expressions with seconds).
                ["Digests__Cron"] = "*/2 * * * * *",
            };

            await using var first = await AppProcess.StartAsync(new Dictionary<string, string>(environment) { ["Newsletter__DataDirectory"] = keys + "-1" });
            await using var second = await AppProcess.StartAsync(new Dictionary<string, string>(environment) { ["Newsletter__DataDirectory"] = keys + "-2" });
            var occurrences = await Eventually.HoldsAsync(() => ScheduleJobsAsync(database), jobs => jobs.Count >= Occurrences,
                $"{Occurrences} occurrences of the schedule", TimeSpan.FromSeconds(60));

            Assert.Equal(occurrences.Count, occurrences.Select(o => o.Time).Distinct().Count()); // never two jobs for one occurrence
            Assert.All(occurrences, o => Assert.Equal("\"digests:schedule\"", o.RecurringJobId));
            var servers = await ServersAsync(database);
            Assert.Contains(servers, s => s.Contains($":{first.ProcessId}:"));  // both schedulers were running all along
            Assert.Contains(servers, s => s.Contains($":{second.ProcessId}:"));
        }
        finally
        {
            TestPostgres.DropDatabase(database);
            foreach (var directory in new[] { keys, keys + "-1", keys + "-2" }.Where(Directory.Exists))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private sealed record Occurrence(long JobId, string? Time, string? RecurringJobId);

    /// <summary>Jobs the recurring scheduler created for the digest schedule, with the occurrence each was made for.</summary>
    private static async Task<IReadOnlyList<Occurrence>> ScheduleJobsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        var exists = await connection.ExecuteScalarAsync<bool>("SELECT to_regclass('hangfire.job') IS NOT NULL");
        if (!exists)
        {
            return [];
        }

        return (await connection.QueryAsync<Occurrence>("""
            SELECT j.id AS JobId,
                   (SELECT value FROM hangfire.jobparameter p WHERE p.jobid = j.id AND p.name = 'Time') AS Time,
                   (SELECT value FROM hangfire.jobparameter p WHERE p.jobid = j.id AND p.name = 'RecurringJobId') AS RecurringJobId
            FROM hangfire.job j
            WHERE j.invocationdata::json ->> 'Type' LIKE '%DigestScheduleJob%'
            """)).ToList();
    }

    private static async Task<IReadOnlyList<string>> ServersAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        return (await connection.QueryAsync<string>("SELECT id FROM hangfire.server")).ToList();
    }
}
