using Hangfire;
using Hangfire.Common;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Dapper;
using Microsoft.Extensions.Options;
using Newsletter;
using Newsletter.Data;
using Newsletter.Scheduling;
using Npgsql;

namespace Newsletter.Web.Hosting;

/// <summary>
/// Hangfire: its storage (SQLite in the data directory, or the <c>hangfire</c> schema of the shared PostgreSQL
/// database), a server in this process unless its role is <c>web</c>, and the admin-only dashboard.
/// </summary>
public static class BackgroundJobsExtensions
{
    public static IHostApplicationBuilder AddBackgroundJobs(this IHostApplicationBuilder builder)
    {
        // This host's own storage and job activator, registered before AddHangfire so that the job client, the
        // recurring job manager and the server all use them. Hangfire's defaults are the process-wide
        // JobStorage.Current and JobActivator.Current, which another host in the same process (as in the
        // tests) can replace at any moment: its jobs would then run in the other host's container.
        builder.Services.AddSingleton<JobActivator>(services => new AspNetCoreJobActivator(services.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddSingleton<JobStorage>(services => builder.Configuration.UsesPostgres()
            ? PostgresStorage(builder.Configuration.PostgresConnectionString()!)
            : SqliteStorage(services.GetRequiredService<IOptions<NewsletterOptions>>().Value.DataPath));
        // This host's filters beside Hangfire's global ones: UseFilter would add to a process-wide list, and a
        // filter writing to this host's database must never see another host's jobs.
        builder.Services.AddSingleton<IJobFilterProvider>(services =>
            new HostJobFilters(JobFilterProviders.Providers, services.GetRequiredService<JobOutcomeFilter>()));
        builder.Services.AddHangfire((services, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogProvider(services.GetRequiredService<ILoggerFactory>()))
            .UseStorage(services.GetRequiredService<JobStorage>()));
        if (builder.Configuration.RunsBackgroundWork())
        {
            builder.Services.AddHangfireServer(options =>
            {
                options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
                options.WorkerCount = Math.Max(2, Environment.ProcessorCount);
            });
        }

        return builder;
    }

    private sealed class HostJobFilters(IJobFilterProvider global, params object[] own) : IJobFilterProvider
    {
        public IEnumerable<JobFilter> GetFilters(Hangfire.Common.Job job) =>
            global.GetFilters(job).Concat(own.Select(filter => new JobFilter(filter, JobFilterScope.Global, null)));
    }

    private static SQLiteStorage SqliteStorage(string dataPath)
    {
        Directory.CreateDirectory(dataPath);
        return new SQLiteStorage(Path.Combine(dataPath, "hangfire.db"), new SQLiteStorageOptions
        {
            // The 15 s default would leave background work waiting; one second is cheap on SQLite.
            QueuePollInterval = TimeSpan.FromSeconds(1),
        });
    }

    /// <summary>
    /// Every instance shares this storage: whichever worker is free takes the next job, and a recurring job
    /// fires once per occurrence across the cluster (Hangfire's distributed lock).
    /// </summary>
    private static PostgreSqlStorage PostgresStorage(string connectionString)
    {
        InstallPostgresSchema(connectionString);
        return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, StorageOptions), StorageOptions);
    }

    /// <summary>
    /// Hangfire's own installer, under the advisory lock our migrations take: on a fresh database, instances
    /// starting together would otherwise race to create the schema, and all but one fail with a duplicate key.
    /// </summary>
    private static void InstallPostgresSchema(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        connection.Execute(SqlDialect.Postgres.LockMigrations);
        try
        {
            PostgreSqlObjectsInstaller.Install(connection, StorageOptions.SchemaName);
        }
        finally
        {
            connection.Execute(SqlDialect.Postgres.UnlockMigrations);
        }
    }

    private static readonly PostgreSqlStorageOptions StorageOptions = new()
    {
        SchemaName = "hangfire",
        PrepareSchemaIfNecessary = false, // InstallPostgresSchema does it
        // LISTEN/NOTIFY wakes a free worker when a job is enqueued, instead of each one polling.
        EnableLongPolling = true,
        QueuePollInterval = TimeSpan.FromSeconds(1),
        // A job fetched by an instance that dies is handed to another this long after it was fetched. Not the
        // sliding kind: in the scale benchmark it left a batch job fetched by nobody and kept invisible by the
        // heartbeat for good (the run never finished). Our jobs take seconds; one that outlives this runs again
        // elsewhere, which a batch tolerates (one transaction; digests are unique per run and subscriber).
        InvisibilityTimeout = TimeSpan.FromSeconds(45),
        UseSlidingInvisibilityTimeout = false,
    };

    public static WebApplication MapBackgroundJobsDashboard(this WebApplication app)
    {
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [app.Services.GetRequiredService<HangfireDashboardAuthorization>()],
            DashboardTitle = "Newsletter jobs",
            DisplayStorageConnectionString = false,
        });
        return app;
    }
}
