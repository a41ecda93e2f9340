using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;

namespace Newsletter.Web.Hosting;

/// <summary>Hangfire: SQLite storage in the data directory, a server in this process, and the admin-only dashboard.</summary>
public static class BackgroundJobsExtensions
{
    public static IHostApplicationBuilder AddBackgroundJobs(this IHostApplicationBuilder builder)
    {
        // Storage and job activator are this app's own, registered before AddHangfire: its defaults are the
        // process-wide JobStorage.Current and JobActivator.Current, so with several apps in one process (the
        // integration tests) a job could land in another app's storage, or be activated from another app's
        // services, already disposed ("Cannot access a disposed object", three retries, then a stuck run).
        builder.Services.AddSingleton<JobActivator>(services => new AspNetCoreJobActivator(services.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddSingleton<JobStorage>(services =>
        {
            var dataPath = services.GetRequiredService<IOptions<NewsletterOptions>>().Value.DataPath;
            Directory.CreateDirectory(dataPath);
            return new SQLiteStorage(Path.Combine(dataPath, "hangfire.db"), new SQLiteStorageOptions
            {
                // The 15 s default would leave background work waiting; one second is cheap on SQLite.
                QueuePollInterval = TimeSpan.FromSeconds(1),
            });
        });
        builder.Services.AddHangfire((services, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogProvider(services.GetRequiredService<ILoggerFactory>()))
            .UseStorage(services.GetRequiredService<JobStorage>()));
        builder.Services.AddHangfireServer(options =>
        {
            options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            options.WorkerCount = Math.Max(2, Environment.ProcessorCount);
        });
        return builder;
    }

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
