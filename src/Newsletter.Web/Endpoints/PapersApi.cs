using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Newsletter.Papers;

namespace Newsletter.Web.Endpoints;

/// <summary>The public paper listing.</summary>
public static class PapersApi
{
    public const int MaxLimit = 200;

    public static WebApplication MapPapersApi(this WebApplication app)
    {
        app.MapGroup("/api/papers").WithTags("Papers")
            .MapGet("/", List)
            .WithSummary("Papers, newest first; since=YYYY-MM-DD (feed date), limit 1-200 (default 50), offset");
        return app;
    }

    public static async Task<Results<Ok<PaperListResponse>, ValidationProblem>> List(
        string? since, string? limit, string? offset, PaperStore papers, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        DateOnly? sinceDate = null;
        if (!string.IsNullOrEmpty(since))
        {
            if (DateTime.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            {
                sinceDate = DateOnly.FromDateTime(parsed);
            }
            else
            {
                errors.Add("since", "Since is an ISO date such as 2024-03-14.");
            }
        }

        var take = QueryNumbers.Parse(limit, "limit", 50, 1, MaxLimit, errors);
        var skip = QueryNumbers.Parse(offset, "offset", 0, 0, 1_000_000, errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var (total, page) = await papers.ListAsync(sinceDate, take, skip, cancellationToken);
        return TypedResults.Ok(new PaperListResponse(total, page.Select(PaperResponse.From).ToList()));
    }
}

public sealed record PaperListResponse(long Total, IReadOnlyList<PaperResponse> Papers);

/// <summary>A paper as the public API shows it.</summary>
public sealed record PaperResponse(
    string Id, string Title, string Abstract, IReadOnlyList<string> Authors, DateTime? PublishedAt, DateOnly? FeedDate,
    int? Upvotes, IReadOnlyList<string> AiKeywords, PaperLinks Links, string? Thumbnail, IReadOnlyList<string> Sources, DateTime FirstSeenAt)
{
    public static PaperResponse From(Paper p) => new(
        p.PublicId, p.Title, p.Abstract, p.Authors, p.PublishedAt, p.FeedDate, p.Upvotes, p.AiKeywords, p.Links, p.Thumbnail, p.Sources, p.FirstSeenAt);
}
