namespace Newsletter.Delivery;

/// <summary>What an outbox row will be rendered into.</summary>
public static class EmailKind
{
    public const string ConfirmSubscription = "confirm_subscription";
    public const string AlreadySubscribed = "already_subscribed";
    public const string Digest = "digest";
}
