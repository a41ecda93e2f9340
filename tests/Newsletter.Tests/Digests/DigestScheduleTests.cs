using Newsletter.Digests;

namespace Newsletter.Tests.Digests;

public class DigestScheduleTests
{
    private static DateTime Utc(string value) => DateTime.SpecifyKind(DateTime.Parse(value), DateTimeKind.Utc);

    /// <summary>Every hourly run of a whole local day, as the recurring job sees them; the dates it would send for.</summary>
    private static List<(DateTime RunAt, DateOnly Date)> HourlyRuns(string zone, int hour, string cadence, DateTime from, DateTime to)
    {
        var sent = new List<(DateTime, DateOnly)>();
        DateOnly? last = null;
        for (var end = from.AddHours(1); end <= to; end = end.AddHours(1))
        {
            if (DigestSchedule.DueLocalDate(zone, hour, cadence, DayOfWeek.Monday, end.AddHours(-1), end, last) is { } date)
            {
                sent.Add((end, date));
                last = date;
            }
        }

        return sent;
    }

    [Fact]
    public void A_daily_digest_goes_out_once_a_day_at_the_chosen_local_hour()
    {
        var runs = HourlyRuns("America/New_York", 7, "daily", Utc("2026-06-01T00:00:00"), Utc("2026-06-04T00:00:00"));

        Assert.Equal(3, runs.Count);
        Assert.All(runs, r => Assert.Equal(11, r.RunAt.Hour)); // 07:00 EDT is 11:00 UTC
    }

    [Fact]
    public void The_hour_follows_the_subscribers_clock_across_a_DST_change()
    {
        // Europe/Paris leaves summer time on 25 Oct 2026: 07:00 is 05:00 UTC before, 06:00 UTC after.
        var runs = HourlyRuns("Europe/Paris", 7, "daily", Utc("2026-10-23T00:00:00"), Utc("2026-10-28T00:00:00"));

        Assert.Equal(["2026-10-23", "2026-10-24", "2026-10-25", "2026-10-26", "2026-10-27"], runs.Select(r => r.Date.ToString("yyyy-MM-dd")));
        Assert.Equal([5, 5, 6, 6, 6], runs.Select(r => r.RunAt.Hour));
    }

    [Fact]
    public void An_hour_skipped_by_spring_forward_still_sends_once_that_day()
    {
        // Europe/Paris springs forward on 29 Mar 2026: 02:00-03:00 local does not exist.
        var runs = HourlyRuns("Europe/Paris", 2, "daily", Utc("2026-03-28T00:00:00"), Utc("2026-03-30T22:00:00"));

        Assert.Equal(["2026-03-28", "2026-03-29", "2026-03-30"], runs.Select(r => r.Date.ToString("yyyy-MM-dd")));
    }

    [Fact]
    public void An_hour_repeated_by_fall_back_sends_only_once()
    {
        // America/New_York falls back on 1 Nov 2026: 01:00-02:00 local happens twice.
        var runs = HourlyRuns("America/New_York", 1, "daily", Utc("2026-10-31T00:00:00"), Utc("2026-11-03T00:00:00"));

        Assert.Equal(["2026-10-31", "2026-11-01", "2026-11-02"], runs.Select(r => r.Date.ToString("yyyy-MM-dd")));
    }

    [Fact]
    public void Never_twice_in_one_local_day_even_when_windows_overlap()
    {
        var date = DigestSchedule.DueLocalDate("UTC", 7, "daily", DayOfWeek.Monday, Utc("2026-06-01T06:00:00"), Utc("2026-06-01T08:00:00"), null);
        var again = DigestSchedule.DueLocalDate("UTC", 7, "daily", DayOfWeek.Monday, Utc("2026-06-01T06:30:00"), Utc("2026-06-01T09:00:00"), date);

        Assert.Equal(new DateOnly(2026, 6, 1), date);
        Assert.Null(again);
    }

    [Fact]
    public void Weekly_digests_go_out_on_the_weekly_day_only()
    {
        var runs = HourlyRuns("Asia/Tokyo", 9, "weekly", Utc("2026-06-01T00:00:00"), Utc("2026-06-22T00:00:00"));

        Assert.Equal(3, runs.Count);
        Assert.All(runs, r => Assert.Equal(DayOfWeek.Monday, r.Date.DayOfWeek));
    }

    [Fact]
    public void Half_hour_time_zones_are_caught_by_the_next_hourly_run()
    {
        var runs = HourlyRuns("Asia/Kolkata", 7, "daily", Utc("2026-06-01T00:00:00"), Utc("2026-06-02T00:00:00"));

        var run = Assert.Single(runs);
        Assert.Equal(Utc("2026-06-01T02:00:00"), run.RunAt); // 07:00 IST = 01:30 UTC
    }

    [Theory]
    [InlineData("daily", null, "2026-06-10T10:00:00", "2026-06-09T10:00:00")]  // confirmed just now: one day back
    [InlineData("weekly", null, "2026-06-10T10:00:00", "2026-06-03T10:00:00")] // one week back
    [InlineData("daily", "2026-06-01T00:00:00", "2026-06-10T10:00:00", "2026-06-01T00:00:00")] // confirmed earlier: from then
    public void A_first_digest_reaches_back_to_confirmation_or_one_period_whichever_is_longer(string cadence, string? confirmed, string end, string expected)
    {
        var start = DigestPlanner.WindowStart(cadence, confirmed is null ? Utc(end).AddMinutes(-5) : Utc(confirmed), null, Utc(end));

        Assert.Equal(Utc(expected), start);
    }
}
