using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Newsletter.Matching;
using Newsletter.Subscriptions;

namespace Newsletter.Web.Endpoints;

/// <summary><c>POST /api/preview</c>: what a digest with these keywords would hold, for the live preview.</summary>
public static class PreviewApi
{
    public const int MaxLimit = 200;
    public const int DefaultLimit = 20;
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(7);

    public static WebApplication MapPreviewApi(this WebApplication app)
    {
        app.MapPost("/api/preview", Preview)
            .WithTags("Preview")
            .Accepts<PreviewRequest>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(SubscriptionsApi.MaxBodySize))
            .RequireRateLimiting(Hosting.RateLimitingExtensions.Preview)
            .WithSummary("Ranked papers since `since` (default: 7 days) that these keywords would bring; snippet is HTML with <mark>ed matches");
        return app;
    }

    public static async Task<Results<Ok<PaperPreview.Result>, ValidationProblem>> Preview(
        HttpRequest request, PaperPreview preview, TimeProvider clock, CancellationToken cancellationToken)
    {
        var json = await JsonRequest.ReadAsync(request, cancellationToken);
        if (json.Errors.Has("body"))
        {
            return TypedResults.ValidationProblem(json.Errors.ToDictionary());
        }

        var raw = json.StringArray("keywords", KeywordRules.MaxKeywords * 5);
        var sinceText = json.String("since");
        var limit = json.Int("limit") ?? DefaultLimit;
        var errors = new ValidationErrors();
        var keywords = KeywordRules.Normalize(raw, out var keywordError);
        if (keywordError is not null)
        {
            errors.Add("keywords", keywordError);
        }

        var since = clock.GetUtcNow().UtcDateTime - DefaultWindow;
        if (sinceText is not null)
        {
            if (DateTime.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            {
                since = parsed;
            }
            else
            {
                errors.Add("since", "Since is an ISO date or time, such as 2024-03-14.");
            }
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"Limit is from 1 to {MaxLimit}.");
        }

        if (!json.Errors.IsEmpty || !errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(json.Errors.MergeMissing(errors).ToDictionary());
        }

        return TypedResults.Ok(await preview.PreviewAsync(keywords!, since, limit, cancellationToken));
    }
}

/// <summary>The body of <c>POST /api/preview</c>.</summary>
public sealed record PreviewRequest(string[] Keywords, string? Since, int? Limit);
