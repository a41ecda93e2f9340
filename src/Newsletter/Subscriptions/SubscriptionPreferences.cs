namespace Newsletter.Subscriptions;

/// <summary>What a subscriber chooses: keywords, how often, and when (an hour in their own IANA time zone).</summary>
public sealed record SubscriptionPreferences(IReadOnlyList<string> Keywords, string Cadence, int SendHour, string TimeZone)
{
    public const int DefaultSendHour = 7;
    public const string DefaultTimeZone = "UTC";
}
