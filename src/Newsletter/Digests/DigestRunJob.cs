using Hangfire;
using Microsoft.Extensions.Logging;

namespace Newsletter.Digests;

/// <summary>The Hangfire jobs of a run: one to prepare it, then one per batch of subscribers.</summary>
public sealed class DigestRunJob(DigestPlanner planner, DigestBatchBuilder builder, DigestRunStore runs, TimeProvider clock, ILogger<DigestRunJob> logger)
{
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [5, 30, 120])]
    public async Task PrepareAsync(long runId, CancellationToken cancellationToken)
    {
        try
        {
            await planner.PrepareAsync(runId, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Preparing digest run {RunId} failed", runId);
            await runs.MarkFailedAsync(runId, exception.Message, clock.GetUtcNow().UtcDateTime);
            throw;
        }
    }

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [5, 30, 120, 600, 1800])]
    public async Task BuildBatchAsync(long runId, int batch, CancellationToken cancellationToken)
    {
        var built = await builder.BuildAsync(runId, batch, cancellationToken);
        logger.LogInformation("Digest run {RunId} batch {Batch}: {Built} digests built", runId, batch, built);
    }
}
