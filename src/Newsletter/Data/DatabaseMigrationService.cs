using Microsoft.Extensions.Hosting;

namespace Newsletter.Data;

/// <summary>Brings the schema up to date before the application starts serving or sending.</summary>
internal sealed class DatabaseMigrationService(DatabaseMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
