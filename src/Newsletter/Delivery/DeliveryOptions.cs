using System.ComponentModel.DataAnnotations;

namespace Newsletter.Delivery;

/// <summary>The <c>Delivery</c> configuration section: how the outbox is drained.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>Senders, each holding one persistent connection.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 4;

    /// <summary>A sender reconnects after this many messages.</summary>
    [Range(1, 1_000_000)]
    public int MessagesPerConnection { get; set; } = 1000;

    /// <summary>Rows a sender claims per round-trip to the database.</summary>
    [Range(1, 10_000)]
    public int ClaimBatchSize { get; set; } = 100;

    /// <summary>How long a claim holds; after it a dead sender's rows are claimed by another.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often idle senders look for work that was not signalled in-process (other instances, retries).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Temporary failures are retried with backoff for this long after the email was queued.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The first retry delay; each further retry doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Messages per second across all senders; 0 means unlimited.</summary>
    [Range(0, 1_000_000)]
    public int MaxPerSecond { get; set; }

    /// <summary>Messages in any sliding hour across all senders; 0 means unlimited.</summary>
    [Range(0, 100_000_000)]
    public int MaxPerHour { get; set; }

    /// <summary>After this many consecutive hard failures (permanent 5xx) a subscriber becomes bounced and gets no more mail.</summary>
    [Range(1, 100)]
    public int BounceLimit { get; set; } = 3;

    /// <summary>An address for mailto one-click unsubscribes, added to List-Unsubscribe beside the HTTPS link; empty for none.</summary>
    public string? UnsubscribeMailto { get; set; }
}
