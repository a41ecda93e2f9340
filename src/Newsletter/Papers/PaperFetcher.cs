using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsletter.Papers.Sources;

namespace Newsletter.Papers;

/// <summary>Fetches a source now and stores what it returned. Used by the schedule and by the admin API.</summary>
public sealed class PaperFetcher(
    HuggingFaceSource huggingFace, ArxivSource arxiv, PaperStore store, IOptions<PapersOptions> options,
    TimeProvider clock, ILogger<PaperFetcher> logger)
{
    public const string HuggingFace = "huggingface";
    public const string Arxiv = "arxiv";
    public static readonly IReadOnlyList<string> Sources = [HuggingFace, Arxiv];

    /// <summary>
    /// Fetches <paramref name="source"/>. For Hugging Face, <paramref name="date"/> picks the day; without it, today
    /// and <see cref="HuggingFaceSourceOptions.DaysBack"/> days before. Throws <see cref="PaperSourceException"/>.
    /// </summary>
    public async Task<PaperImportResult> FetchAsync(string source, DateOnly? date, CancellationToken cancellationToken)
    {
        var batch = source switch
        {
            HuggingFace => await FetchHuggingFaceAsync(date, cancellationToken),
            Arxiv => await arxiv.FetchAsync(cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown paper source."),
        };
        var result = await store.SaveAsync(batch, cancellationToken);
        logger.LogInformation("Fetched {Source}: {Added} added, {Updated} updated, {Unchanged} unchanged, {Errors} skipped",
            source, result.Added, result.Updated, result.Unchanged, result.Errors.Count);
        return result;
    }

    private async Task<PaperBatch> FetchHuggingFaceAsync(DateOnly? date, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var days = date is { } d ? [d] : Enumerable.Range(0, options.Value.HuggingFace.DaysBack + 1).Select(back => today.AddDays(-back));
        var papers = new List<IncomingPaper>();
        var errors = new List<string>();
        foreach (var day in days)
        {
            var batch = await huggingFace.FetchAsync(day, cancellationToken);
            papers.AddRange(batch.Papers);
            errors.AddRange(batch.Errors);
        }

        return new PaperBatch(papers, errors);
    }
}
