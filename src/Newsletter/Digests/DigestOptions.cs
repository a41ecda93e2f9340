using System.ComponentModel.DataAnnotations;

namespace Newsletter.Digests;

/// <summary>The <c>Digests</c> configuration section.</summary>
public sealed class DigestOptions
{
    public const string Section = "Digests";

    /// <summary>At most this many papers per digest, taken by rank.</summary>
    [Range(1, 200)]
    public int MaxPapers { get; set; } = 20;

    /// <summary>The day weekly digests go out, in each subscriber's own time zone.</summary>
    public DayOfWeek WeeklyDay { get; set; } = DayOfWeek.Monday;

    /// <summary>Subscribers per batch job. Each batch persists its digests and outbox rows in one transaction.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 2000;

    /// <summary>
    /// At most this many papers in a digest's "Related to papers you liked" section: papers that match no keyword
    /// but sit close to papers the reader voted "more like this". 0 turns the section off.
    /// </summary>
    [Range(0, 10)]
    public int RelatedPapers { get; set; } = 3;

    /// <summary>The hourly schedule's cron (UTC).</summary>
    [Required]
    public string Cron { get; set; } = "0 * * * *";

    /// <summary>After downtime the schedule catches up at most this far back, so nobody gets a burst of old digests.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "7.00:00:00")]
    public TimeSpan MaxCatchUp { get; set; } = TimeSpan.FromDays(1);
}
