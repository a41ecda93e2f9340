using Microsoft.Extensions.Diagnostics.HealthChecks;
using Newsletter.Scheduling;

namespace Newsletter.Web.Hosting;

/// <summary>
/// Degraded when a recurring job's last execution failed (the digest schedule, a paper fetch, the purge) or when one
/// is overdue and not firing, naming the job and the error; its data lists every job's next firing.
/// </summary>
internal sealed class RecurringJobsHealthCheck(RecurringJobs jobs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var statuses = await jobs.ListAsync(cancellationToken);
        // Hangfire's next firings are on the real clock, whatever TimeProvider the jobs themselves use.
        var now = DateTime.UtcNow;
        var data = statuses.ToDictionary(s => s.Job, s => (object)new
        {
            cron = s.Cron,
            nextFiring = s.NextFiring,
            lastRunAt = s.LastOutcome?.LastRunAt,
            lastSucceededAt = s.LastOutcome?.LastSucceededAt,
            lastFailedAt = s.LastOutcome?.LastFailedAt,
            lastError = s.LastOutcome is { Failing: true } failing ? failing.LastError : null,
        });
        var problems = statuses.Select(s => s.Problem(now)).OfType<string>().ToList();
        return problems.Count == 0
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Degraded(string.Join(" ", problems), data: data);
    }
}
