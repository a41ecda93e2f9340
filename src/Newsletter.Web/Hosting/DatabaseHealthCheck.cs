using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Newsletter.Data;

namespace Newsletter.Web.Hosting;

/// <summary>Healthy when the application database answers a query.</summary>
internal sealed class DatabaseHealthCheck(IDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations");
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", exception);
        }
    }
}
