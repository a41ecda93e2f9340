using Hangfire;
using Newsletter.Data;

namespace Newsletter.Digests;

/// <summary>Starts runs on demand and reports on them.</summary>
public sealed class DigestRuns(IDatabase database, DigestRunStore store, IBackgroundJobClient jobs, TimeProvider clock)
{
    /// <summary>
    /// Starts a run for every active subscriber now, due or not. <paramref name="since"/> overrides the start of
    /// every window; papers already sent are still excluded. Returns the run id at once; the work is background jobs.
    /// </summary>
    public async Task<long> StartManualAsync(DateTime? since, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        long runId;
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            runId = await store.CreateAsync(connection, transaction, "manual", since, now, now);
            await transaction.CommitAsync(cancellationToken);
        }

        jobs.Enqueue<DigestRunJob>(job => job.PrepareAsync(runId, CancellationToken.None));
        return runId;
    }

    public Task<DigestRunReport?> ReportAsync(long runId, CancellationToken cancellationToken = default) =>
        store.ReportAsync(runId, cancellationToken);
}
