using Dapper;
using Newsletter.Data;

namespace Newsletter.Scheduling;

/// <summary>Records how each recurring job's executions end, and reads them back for <c>/health</c>.</summary>
public sealed class JobOutcomeStore(IDatabase database)
{
    /// <summary>The longest error text kept: the type and the first part of the message.</summary>
    public const int MaxErrorLength = 500;

    public async Task RecordAsync(string job, DateTime at, Exception? error, CancellationToken cancellationToken = default)
    {
        var text = error is null ? null : Shorten($"{error.GetType().Name}: {error.Message}");
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(error is null
            ? """
              INSERT INTO job_outcomes (job, last_run_at, last_succeeded_at) VALUES (@job, @at, @at)
              ON CONFLICT (job) DO UPDATE SET last_run_at = excluded.last_run_at, last_succeeded_at = excluded.last_succeeded_at
              """
            : """
              INSERT INTO job_outcomes (job, last_run_at, last_failed_at, last_error) VALUES (@job, @at, @at, @text)
              ON CONFLICT (job) DO UPDATE SET last_run_at = excluded.last_run_at, last_failed_at = excluded.last_failed_at,
                  last_error = excluded.last_error
              """, new { job, at, text });
    }

    public async Task<IReadOnlyList<JobOutcome>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<JobOutcome>("""
            SELECT job AS Job, last_run_at AS LastRunAt, last_succeeded_at AS LastSucceededAt, last_failed_at AS LastFailedAt,
                   last_error AS LastError
            FROM job_outcomes ORDER BY job
            """)).ToList();
    }

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= MaxErrorLength ? line : line[..MaxErrorLength] + "…";
    }
}
