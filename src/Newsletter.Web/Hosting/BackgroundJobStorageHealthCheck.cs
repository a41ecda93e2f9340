using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Newsletter.Web.Hosting;

/// <summary>Healthy when Hangfire's storage answers.</summary>
internal sealed class BackgroundJobStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            storage.GetMonitoringApi().Servers();
            return Task.FromResult(HealthCheckResult.Healthy());
        }
        catch (Exception exception)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The Hangfire storage does not answer.", exception));
        }
    }
}
