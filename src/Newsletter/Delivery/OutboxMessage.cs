namespace Newsletter.Delivery;

/// <summary>A claimed outbox row: what to render, for whom, and how often it was tried.</summary>
public sealed record OutboxMessage
{
    public required long Id { get; init; }
    public required string Kind { get; init; }
    public long? SubscriberId { get; init; }
    public long? DigestId { get; init; }
    public required string Recipient { get; init; }
    public required string MessageId { get; init; }
    public required int Attempts { get; init; }
    public required DateTime CreatedAt { get; init; }
}
