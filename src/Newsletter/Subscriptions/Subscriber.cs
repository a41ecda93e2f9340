namespace Newsletter.Subscriptions;

/// <summary>A subscriber as stored, with their keywords in the order they gave them.</summary>
public sealed record Subscriber
{
    public required long Id { get; init; }
    public required string Email { get; init; }
    public required string Status { get; init; }
    public required string Cadence { get; init; }
    public required int SendHour { get; init; }
    public required string TimeZone { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public DateTime? ConfirmedAt { get; init; }
    public DateTime? UnsubscribedAt { get; init; }
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Whether digests may be ranked by this subscriber's "more/less like this" votes (on unless they turn it off).</summary>
    public bool LearnFromVotes { get; init; } = true;

    /// <summary>Mixed into this subscriber's link tokens; rotating it revokes every link.</summary>
    internal string TokenNonce { get; init; } = "";
}
