namespace Newsletter.Digests;

/// <summary>Where a prepared run's batches go: Hangfire jobs in the app, direct calls in the benchmark.</summary>
public interface IDigestBatchQueue
{
    Task EnqueueAsync(long runId, IReadOnlyList<int> batches);
}
