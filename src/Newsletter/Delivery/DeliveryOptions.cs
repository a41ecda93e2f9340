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
}
