using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Newsletter.Embeddings;

/// <summary>
/// Embeds every paper that has no vector yet, in the background of instances that run background work (never in
/// a web request): batch after batch while there are any, then a look every <see cref="IdlePoll"/> for papers
/// imported since (by this instance or another). Two instances may embed the same paper once each; the last
/// write wins and both are the same vector.
/// </summary>
public sealed class PaperEmbeddingWorker(
    EmbeddingStore store, SentenceEmbedder embedder, IOptions<SemanticOptions> options, TimeProvider clock,
    ILogger<PaperEmbeddingWorker> logger) : BackgroundService
{
    public static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // let the host finish starting
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var pending = await store.PendingAsync(options.Value.BatchSize, stoppingToken);
                if (pending.Count == 0)
                {
                    await Task.Delay(IdlePoll, clock, stoppingToken);
                    continue;
                }

                var vectors = embedder.Embed(pending.Select(p => p.Text).ToList());
                await store.SaveAsync(pending.Select((p, i) => (p.Id, vectors[i])).ToList(), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Embedding papers failed; trying again shortly");
                await Task.Delay(TimeSpan.FromSeconds(10), clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
