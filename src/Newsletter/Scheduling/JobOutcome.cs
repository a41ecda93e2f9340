namespace Newsletter.Scheduling;

/// <summary>How a recurring job last ended, as <c>job_outcomes</c> keeps it.</summary>
public sealed record JobOutcome
{
    public required string Job { get; init; }
    public required DateTime LastRunAt { get; init; }
    public DateTime? LastSucceededAt { get; init; }
    public DateTime? LastFailedAt { get; init; }
    public string? LastError { get; init; }

    /// <summary>Its latest execution failed (a later success clears this).</summary>
    public bool Failing => LastFailedAt is { } failed && (LastSucceededAt is not { } succeeded || failed > succeeded);
}
