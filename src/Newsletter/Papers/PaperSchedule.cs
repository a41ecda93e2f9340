using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Newsletter.Papers;

/// <summary>Keeps one recurring Hangfire job per enabled source, on its configured cron; disabled sources have none.</summary>
internal sealed class PaperSchedule(IRecurringJobManager jobs, IOptions<PapersOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        Schedule(PaperFetcher.HuggingFace, settings.HuggingFace.Enabled, settings.HuggingFace.Cron);
        Schedule(PaperFetcher.Arxiv, settings.Arxiv.Enabled, settings.Arxiv.Cron);
        return Task.CompletedTask;
    }

    private void Schedule(string source, bool enabled, string cron)
    {
        var id = $"papers:{source}";
        if (enabled)
        {
            jobs.AddOrUpdate<PaperFetchJob>(id, job => job.RunAsync(source, CancellationToken.None), cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }
        else
        {
            jobs.RemoveIfExists(id);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
