using System.ComponentModel.DataAnnotations;

namespace Newsletter.Privacy;

/// <summary>The <c>Privacy</c> configuration section.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>Days after unsubscribing that a subscriber's keywords and history are erased (a suppression entry stays).</summary>
    [Range(0, 3650)]
    public int RetainUnsubscribedDays { get; set; } = 30;

    /// <summary>When the purge runs (cron, UTC).</summary>
    [Required]
    public string PurgeCron { get; set; } = "30 3 * * *";
}
