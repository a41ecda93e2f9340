using System.Net.Http.Json;
using System.Text.Json;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Digests;

/// <summary>
/// The product's promise, with nobody starting a run: the real recurring job, fired by Hangfire every second
/// (a short cron), on a clock set to the hours that matter. Each step moves the clock, then waits until the
/// schedule has looked past that instant and every run it started has finished, before reading the inbox.
/// Runs on SQLite and, in the second pass of tests/run.sh, on PostgreSQL.
/// </summary>
public class ScheduledDigestTests
{
    // Monday 1 June 2026. Berlin is UTC+2 (07:00 there is 05:00 UTC); New York is UTC-4 (07:00 is 11:00 UTC).
    private static readonly DateTimeOffset Monday = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string?> EverySecond(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["Digests:Cron"] = "* * * * * *" };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static object Subscription(string email, string zone, int hour, string cadence = "daily") =>
        new { email, keywords = new[] { "diffusion" }, cadence, sendHour = hour, timeZone = zone };

    [Fact]
    public async Task Each_reader_gets_one_digest_at_their_local_hour_and_a_weekly_one_only_on_its_day()
    {
        var clock = new ShiftedClock(Monday.AddHours(4).AddMinutes(58));
        await using var world = await DigestWorld.StartEmptyAsync(EverySecond(), clock);
        await world.ImportAsync(Fixture.Paper("daily-papers-sample.txt"));
        await world.SubscribeAsync(Subscription("berlin@example.org", "Europe/Berlin", 7), "berlin@example.org");
        await world.SubscribeAsync(Subscription("weekly@example.org", "Europe/Berlin", 7, "weekly"), "weekly@example.org");
        await world.SubscribeAsync(Subscription("newyork@example.org", "America/New_York", 7), "newyork@example.org");

        await SettleAsync(world, clock); // 06:58 in Berlin: nobody is due yet
        Assert.Empty(world.Digests());

        clock.Set(Monday.AddHours(5).AddSeconds(2)); // 07:00:02 in Berlin, 01:00 in New York
        await SettleAsync(world, clock);
        Assert.Equal(1, Count(world, "berlin@example.org"));
        Assert.Equal(1, Count(world, "weekly@example.org")); // Monday is the weekly day
        Assert.Equal(0, Count(world, "newyork@example.org")); // not early: it is 01:00 there

        clock.Set(Monday.AddHours(6).AddSeconds(2)); // 08:00 in Berlin: later firings that day send nothing more
        await SettleAsync(world, clock);
        await SettleAsync(world, clock);
        Assert.Equal(1, Count(world, "berlin@example.org"));
        Assert.Equal(1, Count(world, "weekly@example.org"));

        clock.Set(Monday.AddHours(11).AddSeconds(2)); // 07:00 in New York
        await SettleAsync(world, clock);
        Assert.Equal(1, Count(world, "newyork@example.org"));

        clock.Set(Monday.AddDays(1).AddHours(4)); // Tuesday: new papers arrive before the hour
        await world.ImportAsync(Fixture.Paper("real/hf-daily-papers-2025-10-10.json"));
        clock.Set(Monday.AddDays(1).AddHours(5).AddSeconds(2)); // Tuesday 07:00 in Berlin
        await SettleAsync(world, clock);
        Assert.Equal(2, Count(world, "berlin@example.org"));
        Assert.Equal(1, Count(world, "weekly@example.org")); // not its day
        Assert.Equal(1, Count(world, "newyork@example.org"));
        Assert.Empty(world.App.Logs.Lines.Where(line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task After_the_schedule_stood_still_a_missed_hour_is_caught_up_once_within_MaxCatchUp()
    {
        var clock = new ShiftedClock(Monday.AddHours(4).AddMinutes(58)); // 06:58 in Berlin
        await using var world = await DigestWorld.StartEmptyAsync(EverySecond(("Digests:MaxCatchUp", "01:00:00")), clock);
        await world.ImportAsync(Fixture.Paper("daily-papers-sample.txt"));
        await world.SubscribeAsync(Subscription("seven@example.org", "Europe/Berlin", 7), "seven@example.org");
        await world.SubscribeAsync(Subscription("nine@example.org", "Europe/Berlin", 9), "nine@example.org");
        await SettleAsync(world, clock);

        // The schedule last looked at 06:58; it next looks at 09:30, as after two and a half hours of downtime.
        // 09:00 is within the hour of catch-up and goes out once; 07:00 is beyond it and waits for tomorrow.
        clock.Set(Monday.AddHours(7).AddMinutes(30));
        await SettleAsync(world, clock);
        await SettleAsync(world, clock);
        Assert.Equal(1, Count(world, "nine@example.org"));
        Assert.Equal(0, Count(world, "seven@example.org"));
    }

    [Fact]
    public async Task A_reader_who_confirms_during_their_hour_gets_that_days_digest_at_the_next_firing_and_only_one()
    {
        var clock = new ShiftedClock(Monday.AddHours(5).AddMinutes(20)); // 07:20 in Berlin: the hour has begun
        await using var world = await DigestWorld.StartEmptyAsync(EverySecond(), clock);
        await world.ImportAsync(Fixture.Paper("daily-papers-sample.txt"));
        await SettleAsync(world, clock); // the schedule has already looked past 07:00 before they subscribe
        await world.SubscribeAsync(Subscription("late@example.org", "Europe/Berlin", 7), "late@example.org");
        await world.SubscribeAsync(Subscription("eight@example.org", "Europe/Berlin", 8), "eight@example.org");

        await SettleAsync(world, clock);
        await SettleAsync(world, clock);
        Assert.Equal(1, Count(world, "late@example.org"));
        Assert.Equal(0, Count(world, "eight@example.org")); // 08:00 has not come

        clock.Set(Monday.AddHours(6).AddMinutes(30)); // 08:30: the hour of the first has passed, the second's is in progress
        await SettleAsync(world, clock);
        Assert.Equal(1, Count(world, "late@example.org"));
        Assert.Equal(1, Count(world, "eight@example.org"));
    }

    [Fact]
    public async Task A_new_readers_first_digest_holds_the_papers_first_seen_in_the_day_before_it()
    {
        var clock = new ShiftedClock(Monday.AddDays(-2)); // Saturday: these papers are old by Monday
        await using var world = await DigestWorld.StartEmptyAsync(EverySecond(), clock);
        await world.ImportAsync(Fixture.Paper("real/hf-daily-papers-2025-10-10.json"));
        clock.Set(Monday.AddHours(2)); // Monday 04:00 in Berlin: today's papers
        await world.ImportAsync(Fixture.Paper("daily-papers-sample.txt"));
        clock.Set(Monday.AddHours(4).AddMinutes(58));
        await world.SubscribeAsync(Subscription("new@example.org", "Europe/Berlin", 7), "new@example.org");

        clock.Set(Monday.AddHours(5).AddSeconds(2));
        await SettleAsync(world, clock);

        var digest = Assert.Single(world.Digests()["new@example.org"]);
        var titles = DigestWorld.Titles(digest);
        var firstSeenToday = await TitlesFirstSeenSinceAsync(world, Monday.AddHours(5).AddDays(-1));
        Assert.NotEmpty(titles);
        Assert.All(titles, title => Assert.Contains(title, firstSeenToday)); // none of Saturday's papers
    }

    private static int Count(DigestWorld world, string recipient) =>
        world.Digests().TryGetValue(recipient, out var digests) ? digests.Count : 0;

    private static async Task<HashSet<string>> TitlesFirstSeenSinceAsync(DigestWorld world, DateTimeOffset since)
    {
        using var client = world.App.HttpClient();
        var papers = (await client.GetFromJsonAsync<JsonElement>("/api/papers?limit=200")).GetProperty("papers");
        return papers.EnumerateArray().Where(p => p.GetProperty("firstSeenAt").GetDateTimeOffset() > since)
            .Select(p => p.GetProperty("title").GetString()!).ToHashSet();
    }

    /// <summary>
    /// Waits until the schedule has looked past the clock's present (a firing that began after now) and every
    /// run it started has finished sending, so that what has arrived by then is all that ever will for that instant.
    /// </summary>
    private static async Task SettleAsync(DigestWorld world, ShiftedClock clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        using var admin = world.App.CreateAdminClient();
        await Eventually.HoldsAsync(() => admin.GetFromJsonAsync<JsonElement>("/api/admin/digests/schedule"),
            schedule => schedule.GetProperty("coveredUntil").ValueKind == JsonValueKind.String && schedule.GetProperty("coveredUntil").GetDateTime() > now,
            $"the schedule to look past {now:O}", TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(() => admin.GetFromJsonAsync<JsonElement>("/api/admin/digests/runs"),
            runs => runs.EnumerateArray().All(r => r.GetProperty("status").GetString() is "completed" or "failed"),
            "every run to finish", TimeSpan.FromSeconds(60));
    }
}
