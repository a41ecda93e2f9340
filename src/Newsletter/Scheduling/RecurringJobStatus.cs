namespace Newsletter.Scheduling;

/// <summary>A recurring job as an operator needs to see it: when it fires next, and how it last ended.</summary>
public sealed record RecurringJobStatus(string Job, string Cron, DateTime? NextFiring, JobOutcome? LastOutcome)
{
    /// <summary>How late a firing may be before it counts as not firing at all (no worker, or a stuck scheduler).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    /// <summary>Why this job needs attention, or null when it is fine.</summary>
    public string? Problem(DateTime now)
    {
        if (LastOutcome is { Failing: true } failed)
        {
            return $"{Job} failed at {failed.LastFailedAt:O}: {failed.LastError}";
        }

        if (NextFiring is { } next && next < now - Grace)
        {
            return $"{Job} was due at {next:O} and has not fired: is an instance with Newsletter:Role all or worker running?";
        }

        return null;
    }
}
