using System.ComponentModel.DataAnnotations;

namespace Newsletter.Web.Hosting;

/// <summary>The <c>RateLimiting</c> configuration section: requests per minute per client address.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Off for load tests; on by default.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>POST /api/subscriptions and the subscribe form: a burst of a few dozen is fine, hundreds are not.</summary>
    [Range(1, 1_000_000)]
    public int SubscribePerMinute { get; set; } = 30;

    /// <summary>POST /api/preview, called as people type (debounced).</summary>
    [Range(1, 1_000_000)]
    public int PreviewPerMinute { get; set; } = 120;

    /// <summary>/confirm, /manage, /unsubscribe and /feedback pages: enough for people, too few to guess tokens.</summary>
    [Range(1, 1_000_000)]
    public int TokenPagesPerMinute { get; set; } = 60;
}
