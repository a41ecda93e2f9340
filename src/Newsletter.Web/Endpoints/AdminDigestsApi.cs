using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Newsletter.Digests;
using Newsletter.Web.Hosting;

namespace Newsletter.Web.Endpoints;

/// <summary>Admin endpoints for digest runs: start one now, and follow it.</summary>
public static class AdminDigestsApi
{
    public static WebApplication MapAdminDigestsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/admin/digests/runs").WithTags("Admin").AddEndpointFilter<ApiKeyEndpointFilter>();
        api.MapPost("/", Start).WithSummary("Build and send digests for every active subscriber now: {\"since\"?: ISO date}; 202 {\"runId\"}");
        api.MapGet("/{runId:long}", Get).WithSummary("A run's status and counts");
        return app;
    }

    public static async Task<Results<Accepted<StartedRun>, ValidationProblem>> Start(
        HttpRequest request, DigestRuns runs, CancellationToken cancellationToken)
    {
        DateTime? since = null;
        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && !string.IsNullOrEmpty(request.ContentType));
        if (hasBody)
        {
            var json = await JsonRequest.ReadAsync(request, cancellationToken);
            var sinceText = json.String("since");
            if (!json.Errors.IsEmpty)
            {
                return TypedResults.ValidationProblem(json.Errors.ToDictionary());
            }

            if (sinceText is not null)
            {
                if (!DateTime.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["since"] = ["Since is an ISO date or time, such as 2024-03-14."] });
                }

                since = parsed;
            }
        }

        var runId = await runs.StartManualAsync(since, cancellationToken);
        return TypedResults.Accepted($"/api/admin/digests/runs/{runId}", new StartedRun(runId));
    }

    public static async Task<Results<Ok<DigestRunReport>, NotFound>> Get(long runId, DigestRuns runs, CancellationToken cancellationToken) =>
        await runs.ReportAsync(runId, cancellationToken) is { } report ? TypedResults.Ok(report) : TypedResults.NotFound();
}

public sealed record StartedRun(long RunId);
