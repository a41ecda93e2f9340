using Hangfire;
using Hangfire.Storage;

namespace Newsletter.Scheduling;

/// <summary>Reads every recurring job from Hangfire's storage, with the outcome <see cref="JobOutcomeFilter"/> recorded.</summary>
public sealed class RecurringJobs(JobStorage storage, JobOutcomeStore outcomes)
{
    public async Task<IReadOnlyList<RecurringJobStatus>> ListAsync(CancellationToken cancellationToken = default)
    {
        List<RecurringJobDto> jobs;
        using (var connection = storage.GetConnection())
        {
            jobs = connection.GetRecurringJobs();
        }

        var recorded = (await outcomes.ListAsync(cancellationToken)).ToDictionary(o => o.Job);
        return jobs.OrderBy(j => j.Id, StringComparer.Ordinal)
            .Select(j => new RecurringJobStatus(j.Id, j.Cron, j.NextExecution, recorded.GetValueOrDefault(j.Id)))
            .ToList();
    }
}
