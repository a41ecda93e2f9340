using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Newsletter.Scheduling;

/// <summary>Registers what watches the recurring jobs: their recorded outcomes, and the start-up line saying when each fires next.</summary>
public static class SchedulingServiceExtensions
{
    /// <summary>Call after every feature that registers a recurring job, so the start-up log sees them all.</summary>
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<JobOutcomeStore>();
        builder.Services.AddSingleton<JobOutcomeFilter>();
        builder.Services.AddSingleton<RecurringJobs>();
        builder.Services.AddHostedService<NextFiringLog>();
        return builder;
    }

    /// <summary>At start, after the recurring jobs are registered: one line per job with its cron and next firing.</summary>
    private sealed class NextFiringLog(RecurringJobs jobs, ILogger<RecurringJobs> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            try
            {
                foreach (var job in await jobs.ListAsync(cancellationToken))
                {
                    logger.LogInformation("Recurring job {Job} ({Cron}, UTC) fires next at {NextFiring:O}", job.Job, job.Cron, job.NextFiring);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Could not read the recurring jobs' next firings");
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
