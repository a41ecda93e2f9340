namespace Newsletter.Subscriptions;

/// <summary>
/// Raw subscription input from any front end (JSON API, HTML form), before validation.
/// Null means "not given"; defaults apply where the contract has them.
/// </summary>
public sealed record SubscriptionInput(
    string? Email,
    IReadOnlyList<string?>? Keywords,
    string? Cadence = null,
    int? SendHour = null,
    string? TimeZone = null);
