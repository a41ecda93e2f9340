using System.Globalization;
using Microsoft.Extensions.Options;

namespace Newsletter.Papers.Sources;

/// <summary>
/// The Hugging Face Daily Papers API: <c>GET {BaseUrl}/api/daily_papers?date=YYYY-MM-DD&amp;limit=100&amp;p=N</c>,
/// paged with <c>p</c> until a page comes back short or empty (weekends are empty).
/// </summary>
public sealed class HuggingFaceSource(IHttpClientFactory httpClients, IOptions<PapersOptions> options)
{
    public const int PageSize = 100;

    public async Task<PaperBatch> FetchAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var settings = options.Value.HuggingFace;
        var client = httpClients.CreateClient(PaperHttp.ClientName);
        var papers = new List<IncomingPaper>();
        var errors = new List<string>();
        for (var page = 0; page < settings.MaxPages; page++)
        {
            var url = $"{settings.BaseUrl.TrimEnd('/')}/api/daily_papers?date={date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&limit={PageSize}&p={page}";
            var body = await PaperHttp.GetBytesAsync(client, "Hugging Face", url, cancellationToken);
            PaperBatch batch;
            try
            {
                batch = HuggingFaceJsonParser.Parse(body, date);
            }
            catch (PaperFormatException exception)
            {
                throw new PaperSourceException($"Hugging Face answered page {page} for {date:yyyy-MM-dd} with unreadable JSON: {exception.Message}", exception);
            }

            papers.AddRange(batch.Papers);
            errors.AddRange(batch.Errors.Select(e => $"{date:yyyy-MM-dd} page {page}: {e}"));
            if (batch.Papers.Count + batch.Errors.Count < PageSize)
            {
                break;
            }
        }

        return new PaperBatch(papers, errors);
    }
}
