using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Newsletter.Privacy;

/// <summary>Registers the suppression list and the daily purge of people who left.</summary>
public static class PrivacyServiceExtensions
{
    public static IHostApplicationBuilder AddPrivacy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SuppressionList>();
        builder.Services.AddTransient<UnsubscribedPurgeJob>();
        builder.Services.AddHostedService<PurgeRegistration>();
        return builder;
    }

    private sealed class PurgeRegistration(IRecurringJobManager jobs, IOptions<PrivacyOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            jobs.AddOrUpdate<UnsubscribedPurgeJob>("privacy:purge-unsubscribed", job => job.RunAsync(CancellationToken.None),
                options.Value.PurgeCron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
