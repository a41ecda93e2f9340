using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Newsletter.Subscriptions;

namespace Newsletter.Web.Endpoints;

/// <summary>The public subscription API.</summary>
public static class SubscriptionsApi
{
    /// <summary>Subscription requests are small; anything larger is refused before it is read.</summary>
    public const long MaxBodySize = 16 * 1024;

    public static WebApplication MapSubscriptionsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/subscriptions").WithTags("Subscriptions");
        api.MapPost("/", Subscribe)
            .Accepts<SubscribeRequest>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodySize))
            .RequireRateLimiting(Hosting.RateLimitingExtensions.Subscribe)
            .WithSummary("Subscribe an address (double opt-in)")
            .WithDescription("Always answers 202 with the same body, whatever the address's state, so it reveals nobody's subscription.");
        return app;
    }

    public static async Task<Results<Accepted<SubscribeAccepted>, ValidationProblem>> Subscribe(
        HttpRequest request, SubscriptionService subscriptions, CancellationToken cancellationToken)
    {
        var json = await JsonRequest.ReadAsync(request, cancellationToken);
        if (json.Errors.Has("body"))
        {
            return TypedResults.ValidationProblem(json.Errors.ToDictionary());
        }

        var input = new SubscriptionInput(
            json.String("email"),
            json.StringArray("keywords", KeywordRules.MaxKeywords * 5),
            json.String("cadence"),
            json.Int("sendHour"),
            json.String("timeZone"));
        var errors = SubscriptionValidator.ValidateSubscription(input, out var email, out var preferences);
        if (!json.Errors.IsEmpty || !errors.IsEmpty)
        {
            // A field of the wrong JSON type is reported as such, not as missing.
            return TypedResults.ValidationProblem(json.Errors.MergeMissing(errors).ToDictionary());
        }

        await subscriptions.SubscribeAsync(email!, preferences!, cancellationToken);
        return TypedResults.Accepted((string?)null, SubscribeAccepted.Instance);
    }
}

/// <summary>The body of <c>POST /api/subscriptions</c>.</summary>
public sealed record SubscribeRequest(string Email, string[] Keywords, string? Cadence, int? SendHour, string? TimeZone);

/// <summary>The one answer to every accepted subscribe request.</summary>
public sealed record SubscribeAccepted(string Message)
{
    public static readonly SubscribeAccepted Instance =
        new("Thanks. Check your inbox: we've sent an email to confirm or manage this subscription.");
}
