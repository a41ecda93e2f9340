using Hangfire;

namespace Newsletter.Digests;

/// <summary>One Hangfire job per batch, so batches spread over every worker of every instance.</summary>
public sealed class HangfireDigestBatchQueue(IBackgroundJobClient jobs) : IDigestBatchQueue
{
    public Task EnqueueAsync(long runId, IReadOnlyList<int> batches)
    {
        foreach (var batch in batches)
        {
            jobs.Enqueue<DigestRunJob>(job => job.BuildBatchAsync(runId, batch, CancellationToken.None));
        }

        return Task.CompletedTask;
    }
}
