namespace Newsletter.Subscriptions;

/// <summary>A subscriber's stored data as they download it (JSON, property names as written here in camelCase).</summary>
public sealed record SubscriberData(
    DateTime ExportedAt,
    string Email,
    string Status,
    IReadOnlyList<string> Keywords,
    string Cadence,
    int SendHour,
    string TimeZone,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? ConfirmedAt,
    DateTime? UnsubscribedAt,
    DateTime? LastDigestAt,
    IReadOnlyList<SubscriberData.DigestEntry> Digests,
    IReadOnlyList<SubscriberData.EmailEntry> Emails)
{
    /// <param name="Date">The subscriber's local date the digest was for.</param>
    /// <param name="Papers">Empty when nothing matched and no email was sent.</param>
    public sealed record DigestEntry(string Date, DateTime CreatedAt, DateTime? SentAt, IReadOnlyList<PaperEntry> Papers);

    public sealed record PaperEntry(string Id, string Title);

    /// <param name="Kind">confirm_subscription, already_subscribed or digest.</param>
    public sealed record EmailEntry(string Kind, string Status, DateTime CreatedAt, DateTime? SentAt);
}
