namespace Newsletter.Subscriptions;

/// <summary>
/// What a subscriber import did: addresses added, existing addresses changed, and rows skipped. Every skipped row
/// is in <see cref="Errors"/> with its line and why, in line order, so <c>Skipped == Errors.Count</c>.
/// </summary>
public sealed record SubscriberImportResult(int Imported, int Updated, int Skipped, IReadOnlyList<SubscriberImportError> Errors);
