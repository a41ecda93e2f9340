namespace Newsletter.Digests;

/// <summary>A digest run as stored.</summary>
public sealed record DigestRun
{
    public required long Id { get; init; }
    public required string Kind { get; init; }
    /// <summary>preparing → building → built (every batch committed), or failed.</summary>
    public required string Status { get; init; }
    public DateTime? Since { get; init; }
    public required DateTime WindowEnd { get; init; }
    public required int Subscribers { get; init; }
    public required int Batches { get; init; }
    public string? Error { get; init; }
    public required DateTime CreatedAt { get; init; }
    public DateTime? CompletedAt { get; init; }
}

/// <summary>
/// What a run did, as <c>GET /api/admin/digests/runs/{id}</c> shows it. <c>completed</c> means every built digest
/// has been sent or has finally failed; the sent and failed counts come from the outbox.
/// </summary>
public sealed record DigestRunReport(
    long RunId, string Status, int Subscribers, int Built, int Skipped, int Sent, int Failed, string Kind, DateTime CreatedAt, string? Error);
