namespace Newsletter.Subscriptions;

/// <summary>How often a subscriber gets a digest.</summary>
public static class Cadence
{
    public const string Daily = "daily";
    public const string Weekly = "weekly";

    public static readonly IReadOnlyList<string> All = [Daily, Weekly];

    public static bool IsValid(string? value) => value is Daily or Weekly;
}
