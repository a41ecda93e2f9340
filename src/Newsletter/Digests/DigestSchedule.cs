namespace Newsletter.Digests;

/// <summary>
/// When a subscriber's digest is due: at their chosen hour in their own IANA time zone, daily or weekly.
/// An hour that does not exist that day (spring forward) moves to the first valid instant after it; an hour
/// that happens twice (fall back) counts once, at its first occurrence; and never two in one local day.
/// </summary>
public static class DigestSchedule
{
    /// <summary>A reader's send hour lasts this long: within it, a reader not yet sent that day's digest is due.</summary>
    public static readonly TimeSpan SendHourLength = TimeSpan.FromHours(1);

    /// <summary>
    /// The local date whose scheduled instant falls in (<paramref name="windowStart"/>, <paramref name="windowEnd"/>],
    /// or null when none does or that date already had its digest.
    /// </summary>
    public static DateOnly? DueLocalDate(string timeZone, int sendHour, string cadence, DayOfWeek weeklyDay,
        DateTime windowStart, DateTime windowEnd, DateOnly? lastLocalDate)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
        {
            zone = TimeZoneInfo.Utc;
        }

        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(windowStart, zone));
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(windowEnd, zone));
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            if (cadence == Subscriptions.Cadence.Weekly && date.DayOfWeek != weeklyDay)
            {
                continue;
            }

            var instant = ScheduledInstant(date, sendHour, zone);
            if (instant > windowStart && instant <= windowEnd && (lastLocalDate is null || lastLocalDate < date))
            {
                return date;
            }
        }

        return null;
    }

    /// <summary>The UTC instant of <paramref name="hour"/>:00 on <paramref name="date"/> in <paramref name="zone"/>.</summary>
    public static DateTime ScheduledInstant(DateOnly date, int hour, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15); // inside a spring-forward gap: the first valid time after it
        }

        if (zone.IsAmbiguousTime(local))
        {
            var earliest = zone.GetAmbiguousTimeOffsets(local).Max();
            return DateTime.SpecifyKind(local - earliest, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>How far back a first digest reaches: one cadence period.</summary>
    public static TimeSpan Period(string cadence) => cadence == Subscriptions.Cadence.Weekly ? TimeSpan.FromDays(7) : TimeSpan.FromDays(1);
}
