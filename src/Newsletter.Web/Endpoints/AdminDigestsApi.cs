using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Newsletter;
using Newsletter.Digests;
using Newsletter.Scheduling;
using Newsletter.Web.Hosting;

namespace Newsletter.Web.Endpoints;

/// <summary>Admin endpoints for digest runs: start one now, and follow it.</summary>
public static class AdminDigestsApi
{
    public static WebApplication MapAdminDigestsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/admin/digests/runs").WithTags("Admin").AddEndpointFilter<ApiKeyEndpointFilter>();
        api.MapPost("/", Start).WithSummary("Build and send digests for every active subscriber now: {\"since\"?: ISO date}; 202 {\"runId\"}");
        api.MapGet("/", List).WithSummary("The latest runs, newest first (?limit=20, at most 100)");
        api.MapGet("/{runId:long}", Get).WithSummary("A run's status and counts");
        app.MapGroup("/api/admin/digests/schedule").WithTags("Admin").AddEndpointFilter<ApiKeyEndpointFilter>()
            .MapGet("/", Schedule).WithSummary("The hourly schedule: its cron, next firing, how far it has looked, and how it last ended");
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

    public static async Task<Results<Ok<IReadOnlyList<DigestRunReport>>, ValidationProblem>> List(
        string? limit, DigestRunStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var take = QueryNumbers.Parse(limit, "limit", 20, 1, 100, errors);
        return errors.IsEmpty
            ? TypedResults.Ok(await store.RecentAsync(take, cancellationToken))
            : TypedResults.ValidationProblem(errors.ToDictionary());
    }

    public static async Task<Ok<DigestScheduleResponse>> Schedule(
        RecurringJobs jobs, DigestRunStore store, IOptions<DigestOptions> options, CancellationToken cancellationToken)
    {
        var job = (await jobs.ListAsync(cancellationToken)).FirstOrDefault(j => j.Job == DigestScheduleJob.RecurringJobId);
        var outcome = job?.LastOutcome;
        return TypedResults.Ok(new DigestScheduleResponse(
            job?.Cron ?? options.Value.Cron, job?.NextFiring, await store.ScheduleCoveredUntilAsync(cancellationToken),
            outcome?.LastSucceededAt, outcome?.LastFailedAt, outcome is { Failing: true } ? outcome.LastError : null,
            job is null ? "The schedule is not registered." : job.Problem(DateTime.UtcNow)));
    }

    public static async Task<Results<Ok<DigestRunReport>, NotFound>> Get(long runId, DigestRuns runs, CancellationToken cancellationToken) =>
        await runs.ReportAsync(runId, cancellationToken) is { } report ? TypedResults.Ok(report) : TypedResults.NotFound();
}

public sealed record StartedRun(long RunId);

/// <summary>The digest schedule as an operator checks it: is it firing, and did its last firing work?</summary>
public sealed record DigestScheduleResponse(
    string Cron, DateTime? NextFiring, DateTime? CoveredUntil, DateTime? LastSucceededAt, DateTime? LastFailedAt, string? LastError, string? Problem);
