namespace Newsletter.Subscriptions;

/// <summary>What a subscriber chooses: keywords, how often, and when (an hour in their own IANA time zone).</summary>
/// <param name="LearnFromVotes">Whether their votes may rank their digests; null leaves it as it is (subscribing and
/// importing never change it; the manage page does).</param>
public sealed record SubscriptionPreferences(IReadOnlyList<string> Keywords, string Cadence, int SendHour, string TimeZone, bool? LearnFromVotes = null)
{
    public const int DefaultSendHour = 7;
    public const string DefaultTimeZone = "UTC";
}
