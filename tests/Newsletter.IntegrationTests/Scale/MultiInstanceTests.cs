using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using MimeKit;
using Newsletter.IntegrationTests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Newsletter.IntegrationTests.Scale;

/// <summary>
/// Two real app processes on one PostgreSQL database share a run of 4,000 digests; one gets SIGKILL in the middle
/// of sending and the other finishes the run: nobody is lost, and only the emails in flight can arrive twice.
/// </summary>
public class MultiInstanceTests(ITestOutputHelper output)
{
    private const int Subscribers = 4000;
    private const int Concurrency = 2;
    private const int ClaimBatchSize = 20;
    private const string AdminKey = "multi-instance-test-admin-key";

    [Fact]
    public async Task Two_instances_share_a_run_and_the_survivor_finishes_it_when_one_is_killed_mid_send()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var database = TestPostgres.CreateDatabase();
        var keys = Path.Combine(Path.GetTempPath(), "newsletter-tests", Guid.NewGuid().ToString("N"), "keys");
        try
        {
            var environment = new Dictionary<string, string>(AppProcess.SendingTo(smtp, AdminKey))
            {
                ["Newsletter__Database"] = "postgres",
                ["ConnectionStrings__Newsletter"] = database,
                ["Newsletter__KeysDirectory"] = keys,
                ["Delivery__Concurrency"] = Concurrency.ToString(),
                ["Delivery__ClaimBatchSize"] = ClaimBatchSize.ToString(),
                // Small batches, so that both instances' Hangfire workers take some; the default claim lease (30 s).
                ["Digests__BatchSize"] = "100",
            };

            // Started together on a fresh database: migrations and Hangfire's schema must not race.
            var starting = await Task.WhenAll(AppProcess.StartAsync(WithDataDirectory(environment)), AppProcess.StartAsync(WithDataDirectory(environment)));
            await using var doomed = starting[0];
            await using var survivor = starting[1];
            Assert.Empty(doomed.Errors.Concat(survivor.Errors));
            using var admin = doomed.Client(AdminKey);
            var runId = await admin.StartRunForReadersAsync(Subscribers);
            var clock = System.Diagnostics.Stopwatch.StartNew();

            // Mid-send: a quarter of the run accepted by the SMTP server, and both instances sending.
            var received = new List<MimeMessage>();
            while (received.Count < Subscribers / 4)
            {
                received.Add(await smtp.NextMessageAsync(TimeSpan.FromSeconds(60)));
            }

            await Eventually.HoldsAsync(() => SendingProcessesAsync(database), p => p.Count == 2, "both instances to have sent digests", TimeSpan.FromSeconds(60));
            doomed.Kill();
            var killedAtUtc = DateTime.UtcNow;
            var heldByTheDead = await HeldByAsync(database, doomed.ProcessId);
            var killedAt = clock.Elapsed;
            var receivedBeforeKill = received.Count;

            using var reader = survivor.Client(AdminKey);
            var report = await Eventually.HoldsAsync(
                () => reader.GetFromJsonAsync<JsonElement>($"/api/admin/digests/runs/{runId}"),
                r => r.GetProperty("status").GetString() == "completed", "the survivor to complete the run", TimeSpan.FromMinutes(3));
            while (smtp.Messages.TryRead(out var message))
            {
                received.Add(message);
            }

            var takenOver = await LastSentAsync(database, heldByTheDead);
            output.WriteLine($"killed one instance at {killedAt.TotalSeconds:F1} s with at least {receivedBeforeKill:N0} emails received and {heldByTheDead.Count} claimed by it; " +
                             $"the survivor sent those by {(takenOver - killedAtUtc)?.TotalSeconds:F1} s and completed the run {(clock.Elapsed - killedAt).TotalSeconds:F1} s after the kill");
            var recipients = received.Where(m => m.MessageId.StartsWith("digest-", StringComparison.Ordinal))
                .Select(m => m.To.Mailboxes.Single().Address).ToList();
            Assert.Equal(Subscribers, report.GetProperty("sent").GetInt32());
            Assert.Equal(0, report.GetProperty("failed").GetInt32());
            Assert.Equal(Subscribers, recipients.Distinct().Count()); // nobody lost
            output.WriteLine($"{recipients.Count - Subscribers} digests arrived twice");
            Assert.InRange(recipients.Count - Subscribers, 0, Concurrency * ClaimBatchSize); // only what the dead one had in flight
            Assert.True(await BuiltByBothAsync(database, doomed.ProcessId, survivor.ProcessId), "batches were built by both instances");
            Assert.Empty(survivor.Errors);
            Assert.Subset(SentIds(database), heldByTheDead.ToHashSet()); // its leases expired and the survivor sent them,
            Assert.True(takenOver is null || takenOver - killedAtUtc < TimeSpan.FromMinutes(1), "within a minute of its death");
        }
        finally
        {
            TestPostgres.DropDatabase(database);
            Directory.Delete(Path.GetDirectoryName(keys)!, recursive: true);
        }
    }

    private static Dictionary<string, string> WithDataDirectory(Dictionary<string, string> environment) =>
        new(environment) { ["Newsletter__DataDirectory"] = Path.Combine(Path.GetTempPath(), "newsletter-tests", Guid.NewGuid().ToString("N")) };

    /// <summary>The process ids (from each sender's claim owner, <c>machine/pid/index</c>) that have sent digests.</summary>
    private static async Task<IReadOnlyList<string>> SendingProcessesAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        return (await connection.QueryAsync<string>(
            "SELECT DISTINCT split_part(claimed_by, '/', 2) FROM outbox WHERE status = 'sent' AND kind = 'digest'")).ToList();
    }

    private static async Task<IReadOnlyList<long>> HeldByAsync(string database, int processId)
    {
        await using var connection = new NpgsqlConnection(database);
        return (await connection.QueryAsync<long>(
            "SELECT id FROM outbox WHERE status = 'sending' AND split_part(claimed_by, '/', 2) = @pid", new { pid = processId.ToString() })).ToList();
    }

    /// <summary>When the last of these rows was accepted by the SMTP server (the outbox keeps UTC timestamps as ISO 8601 text).</summary>
    private static async Task<DateTime?> LastSentAsync(string database, IReadOnlyList<long> ids)
    {
        await using var connection = new NpgsqlConnection(database);
        var last = await connection.ExecuteScalarAsync<string?>("SELECT MAX(sent_at) FROM outbox WHERE id = ANY(@ids)", new { ids = ids.ToArray() });
        return last is null ? null : DateTime.Parse(last, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
    }

    private static HashSet<long> SentIds(string database)
    {
        using var connection = new NpgsqlConnection(database);
        return connection.Query<long>("SELECT id FROM outbox WHERE status = 'sent'").ToHashSet();
    }

    /// <summary>Hangfire records the server (<c>machine:pid:guid</c>) that processed each job.</summary>
    private static async Task<bool> BuiltByBothAsync(string database, int first, int second)
    {
        await using var connection = new NpgsqlConnection(database);
        var servers = (await connection.QueryAsync<string>("""
            SELECT DISTINCT s.data::json ->> 'ServerId'
            FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid
            WHERE s.name = 'Processing' AND j.invocationdata::json ->> 'Method' = 'BuildBatchAsync'
            """)).ToList();
        return servers.Any(s => s.Contains($":{first}:")) && servers.Any(s => s.Contains($":{second}:"));
    }
}
