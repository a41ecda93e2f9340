using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Newsletter.Digests;

/// <summary>Registers digest runs, their jobs and the hourly schedule.</summary>
public static class DigestsServiceExtensions
{
    public static IHostApplicationBuilder AddDigests(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DigestOptions>().BindConfiguration(DigestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DigestRunStore>();
        services.AddSingleton<DigestRunData>();
        services.AddSingleton<DigestPlanner>();
        services.AddSingleton<DigestBatchBuilder>();
        services.AddSingleton<DigestRuns>();
        services.AddSingleton<IDigestBatchQueue, HangfireDigestBatchQueue>();
        services.AddTransient<DigestRunJob>();
        services.AddTransient<DigestScheduleJob>();
        services.AddHostedService<DigestScheduleRegistration>();
        return builder;
    }

    /// <summary>Registers (or updates) the hourly recurring job at start.</summary>
    private sealed class DigestScheduleRegistration(IRecurringJobManager jobs, IOptions<DigestOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            jobs.AddOrUpdate<DigestScheduleJob>(DigestScheduleJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), options.Value.Cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
