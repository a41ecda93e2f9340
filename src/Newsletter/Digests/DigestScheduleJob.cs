using Dapper;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsletter.Data;

namespace Newsletter.Digests;

/// <summary>
/// The hourly recurring job (one per cluster: Hangfire runs a recurring job once). It looks at the time since
/// it last looked, finds the active subscribers whose chosen local hour fell in it, and starts a run for them.
/// </summary>
public sealed class DigestScheduleJob(
    IDatabase database, DigestRunStore runs, IBackgroundJobClient jobs, IOptions<DigestOptions> options,
    TimeProvider clock, ILogger<DigestScheduleJob> logger)
{
    /// <summary>Its id among Hangfire's recurring jobs.</summary>
    public const string RecurringJobId = "digests:schedule";

    private sealed record Candidate(long Id, string Cadence, int SendHour, string TimeZone, DateOnly? LastDigestLocalDate);

    [AutomaticRetry(Attempts = 2)]
    [DisableConcurrentExecution(timeoutInSeconds: 3600)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        long? runId = null;
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var covered = await connection.ExecuteScalarAsync<DateTime?>("SELECT covered_until FROM digest_schedule WHERE id = 1", transaction: transaction);
            var windowStart = covered ?? now;
            if (windowStart < now - settings.MaxCatchUp)
            {
                windowStart = now - settings.MaxCatchUp;
            }

            // A reader whose hour is still in progress is due too: someone who confirms (or picks this hour) at
            // 07:20 gets that day's digest at the next firing, not tomorrow's. Never twice: the local date guards.
            if (windowStart > now - DigestSchedule.SendHourLength)
            {
                windowStart = now - DigestSchedule.SendHourLength;
            }

            var candidates = await connection.QueryAsync<Candidate>("""
                SELECT id, cadence, send_hour AS SendHour, time_zone AS TimeZone, last_digest_local_date AS LastDigestLocalDate
                FROM subscribers WHERE status = 'active' ORDER BY id
                """, transaction: transaction);
            var due = candidates
                .Select(c => (c.Id, Date: DigestSchedule.DueLocalDate(c.TimeZone, c.SendHour, c.Cadence, settings.WeeklyDay, windowStart, now,
                    c.LastDigestLocalDate)))
                .Where(d => d.Date is not null)
                .ToList();

            if (due.Count > 0)
            {
                runId = await runs.CreateAsync(connection, transaction, "scheduled", null, now, now);
                await connection.ExecuteAsync(
                    "INSERT INTO digest_run_subscribers (run_id, subscriber_id, batch, local_date) VALUES (@runId, @Id, @batch, @date)",
                    due.Select((d, i) => new { runId, d.Id, batch = i / settings.BatchSize, date = d.Date!.Value }),
                    transaction);
            }

            await connection.ExecuteAsync("""
                INSERT INTO digest_schedule (id, covered_until) VALUES (1, @now)
                ON CONFLICT (id) DO UPDATE SET covered_until = excluded.covered_until
                """, new { now }, transaction);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Digest schedule {From:O}..{To:O}: {Due} subscribers due", windowStart, now, due.Count);
        }

        if (runId is { } id)
        {
            // Prepared by its own job, with its own retries: a failure there is the run's, visible on the run,
            // and never this schedule's (whose window is already committed as covered).
            jobs.Enqueue<DigestRunJob>(job => job.PrepareAsync(id, CancellationToken.None));
        }
    }
}
