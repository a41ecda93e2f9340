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
    bool LearnFromVotes,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? ConfirmedAt,
    DateTime? UnsubscribedAt,
    DateTime? LastDigestAt,
    IReadOnlyList<SubscriberData.DigestEntry> Digests,
    IReadOnlyList<SubscriberData.EmailEntry> Emails,
    IReadOnlyList<SubscriberData.VoteEntry> Votes)
{
    /// <param name="Date">The subscriber's local date the digest was for.</param>
    /// <param name="Papers">Empty when nothing matched and no email was sent.</param>
    public sealed record DigestEntry(string Date, DateTime CreatedAt, DateTime? SentAt, IReadOnlyList<PaperEntry> Papers);

    public sealed record PaperEntry(string Id, string Title);

    /// <param name="Kind">confirm_subscription, already_subscribed or digest.</param>
    public sealed record EmailEntry(string Kind, string Status, DateTime CreatedAt, DateTime? SentAt);

    /// <param name="PaperId">The paper's public id (arXiv id when known), as in <see cref="PaperEntry"/>.</param>
    /// <param name="Vote">more or less ("more like this", "less like this").</param>
    /// <param name="At">When that vote was given (UTC).</param>
    public sealed record VoteEntry(string PaperId, string Title, string Vote, DateTime At);
}
