using System.Collections.Concurrent;
using Newsletter.Digests;

namespace Newsletter.Benchmarks;

/// <summary>Keeps the batches a run hands to Hangfire, so a benchmark can build them itself.</summary>
public sealed class CollectingQueue : IDigestBatchQueue
{
    public ConcurrentQueue<(long RunId, int Batch)> Batches { get; } = new();

    public Task EnqueueAsync(long runId, IReadOnlyList<int> batches)
    {
        foreach (var batch in batches)
        {
            Batches.Enqueue((runId, batch));
        }

        return Task.CompletedTask;
    }
}
