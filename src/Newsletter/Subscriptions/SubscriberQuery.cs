namespace Newsletter.Subscriptions;

/// <summary>A page of the admin subscriber list, filtered by part of an address and by status.</summary>
public sealed record SubscriberQuery(string? Email, string? Status, int Page = 1, int PageSize = 50);

/// <summary>One page of subscribers and how many match in all.</summary>
public sealed record SubscriberPage(long Total, IReadOnlyList<Subscriber> Subscribers);
