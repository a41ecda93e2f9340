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
        // This host's own storage and job activator, registered before AddHangfire so that the job client, the
        // recurring job manager and the server all use them. Hangfire's defaults are the process-wide
        // JobStorage.Current and JobActivator.Current, which another host in the same process (as in the
        // tests) can replace at any moment: its jobs would then run in the other host's container.
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
