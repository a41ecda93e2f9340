using Hangfire.Server;
using Microsoft.Extensions.Logging;

namespace Newsletter.Scheduling;

/// <summary>
/// A Hangfire server filter: after every execution of a recurring job (each attempt, retries included) it records
/// success or the error in <see cref="JobOutcomeStore"/>. Other jobs (run preparation, batches) are not watched
/// here: their failures show on their run.
/// </summary>
public sealed class JobOutcomeFilter(JobOutcomeStore store, TimeProvider clock, ILogger<JobOutcomeFilter> logger) : IServerFilter
{
    public void OnPerforming(PerformingContext context)
    {
    }

    public void OnPerformed(PerformedContext context)
    {
        var job = context.GetJobParameter<string>("RecurringJobId");
        if (string.IsNullOrEmpty(job))
        {
            return;
        }

        var error = context.Exception is { } exception && !context.ExceptionHandled ? Unwrap(exception) : null;
        try
        {
            store.RecordAsync(job, clock.GetUtcNow().UtcDateTime, error).GetAwaiter().GetResult();
        }
        catch (Exception recording)
        {
            // The database may be what failed the job; never turn a job's outcome into a second failure.
            logger.LogWarning(recording, "Could not record the outcome of recurring job {Job}", job);
        }
    }

    /// <summary>Hangfire wraps what the job threw in a <see cref="Hangfire.Server.JobPerformanceException"/>.</summary>
    private static Exception Unwrap(Exception exception) =>
        exception is JobPerformanceException { InnerException: { } inner } ? inner : exception;
}
