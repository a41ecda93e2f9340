namespace Newsletter.Subscriptions;

/// <summary>IANA time zones, as the platform knows them.</summary>
public static class TimeZones
{
    public static bool IsKnown(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64 || id.Any(char.IsControl))
        {
            return false;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId;
    }

    /// <summary>Every IANA zone id, for pickers.</summary>
    public static IReadOnlyList<string> All { get; } = TimeZoneInfo.GetSystemTimeZones()
        .Where(z => z.HasIanaId)
        .Select(z => z.Id)
        .Order(StringComparer.Ordinal)
        .ToArray();
}
