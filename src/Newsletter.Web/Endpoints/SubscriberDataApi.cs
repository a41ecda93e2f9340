using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Newsletter.Subscriptions;

namespace Newsletter.Web.Endpoints;

/// <summary><c>GET /manage/{token}/export</c>: "download my data", everything stored about the subscriber as JSON.</summary>
public static class SubscriberDataApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static WebApplication MapSubscriberDataApi(this WebApplication app)
    {
        app.MapGet("/manage/{token}/export", Export)
            .WithTags("Subscriptions")
            .WithSummary("Everything stored about the subscriber a manage link names, as a JSON download; 404 for an unknown link");
        return app;
    }

    public static async Task<Results<JsonHttpResult<SubscriberData>, NotFound>> Export(
        string token, HttpResponse response, SubscriptionService subscriptions, SubscriberDataExport export, CancellationToken cancellationToken)
    {
        // The token is in the URL: never leak it onwards, and never keep a copy of someone's data in a cache.
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        var subscriber = await subscriptions.FindByTokenAsync(token, TokenPurpose.Manage, cancellationToken);
        if (subscriber is null)
        {
            return TypedResults.NotFound();
        }

        var data = await export.CreateAsync(subscriber, cancellationToken);
        response.Headers.ContentDisposition = $"attachment; filename=\"paper-digest-data-{data.ExportedAt:yyyy-MM-dd}.json\"";
        return TypedResults.Json(data, Json);
    }
}
