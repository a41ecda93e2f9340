using Microsoft.Extensions.Options;

namespace Newsletter.Papers.Sources;

/// <summary>
/// The arXiv export API: the newest submissions in the configured categories, paged with start/max_results,
/// never calling more often than once per <see cref="ArxivSourceOptions.MinInterval"/> (arXiv asks for 3 s).
/// </summary>
public sealed class ArxivSource(IHttpClientFactory httpClients, IOptions<PapersOptions> options, TimeProvider clock)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private DateTimeOffset lastCall = DateTimeOffset.MinValue;

    public async Task<PaperBatch> FetchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.Arxiv;
        var client = httpClients.CreateClient(PaperHttp.ClientName);
        var query = string.Join("+OR+", settings.Categories.Select(c => "cat:" + Uri.EscapeDataString(c.Trim())));
        var papers = new List<IncomingPaper>();
        var errors = new List<string>();
        for (var start = 0; start < settings.MaxResults; start += settings.PageSize)
        {
            var count = Math.Min(settings.PageSize, settings.MaxResults - start);
            var url = $"{settings.BaseUrl.TrimEnd('/')}/api/query?search_query={query}&sortBy=submittedDate&sortOrder=descending&start={start}&max_results={count}";
            var body = await CallSpacedAsync(() => PaperHttp.GetBytesAsync(client, "arXiv", url, cancellationToken), settings.MinInterval, cancellationToken);
            PaperBatch batch;
            try
            {
                batch = ArxivAtomParser.Parse(new MemoryStream(body, writable: false));
            }
            catch (PaperFormatException exception)
            {
                throw new PaperSourceException($"arXiv answered start={start} with unreadable XML: {exception.Message}", exception);
            }

            papers.AddRange(batch.Papers);
            errors.AddRange(batch.Errors);
            if (batch.Papers.Count + batch.Errors.Count < count)
            {
                break;
            }
        }

        return new PaperBatch(papers, errors);
    }

    /// <summary>Runs <paramref name="call"/> no sooner than <paramref name="interval"/> after the previous call ended.</summary>
    private async Task<T> CallSpacedAsync<T>(Func<Task<T>> call, TimeSpan interval, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var wait = lastCall + interval - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, cancellationToken);
            }

            return await call();
        }
        finally
        {
            lastCall = clock.GetUtcNow();
            gate.Release();
        }
    }
}
