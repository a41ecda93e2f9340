namespace Newsletter.Subscriptions;

/// <summary>The lifecycle of a subscriber, as stored.</summary>
public static class SubscriberStatus
{
    public const string Pending = "pending";
    public const string Active = "active";
    public const string Unsubscribed = "unsubscribed";
    public const string Bounced = "bounced";

    public static readonly IReadOnlyList<string> All = [Pending, Active, Unsubscribed, Bounced];
}
