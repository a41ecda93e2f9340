using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Newsletter.IntegrationTests.Digests;

/// <summary>Digest runs end to end: the admin API, Hangfire jobs, the outbox, and a real SMTP server.</summary>
public class DigestRunTests
{

    [Fact]
    public async Task A_run_sends_each_active_subscriber_only_their_papers_and_nobody_else_anything()
    {
        await using var world = await DigestWorld.StartAsync();
        await world.SubscribeAsync("sam@example.org", ["SAM"]);
        await world.SubscribeAsync("moe@example.org", ["MoE"]);
        await world.SubscribeAsync("nothing@example.org", ["quantum gravity"]);
        await world.SubscribeAsync("pending@example.org", ["SAM"], confirm: false);
        var leaver = await world.SubscribeAsync("leaver@example.org", ["SAM"]);
        using (var client = world.App.HttpClient())
        {
            await client.PostAsync(Infrastructure.NewsletterApp.PathOf(Infrastructure.EmailLinks.Find(leaver, "/unsubscribe/")), new FormUrlEncodedContent([]));
        }

        var report = await world.RunAsync();

        Assert.Equal((3, 2, 1, 2, 0), (report.GetProperty("subscribers").GetInt32(), report.GetProperty("built").GetInt32(),
            report.GetProperty("skipped").GetInt32(), report.GetProperty("sent").GetInt32(), report.GetProperty("failed").GetInt32()));
        var digests = world.Digests();
        Assert.Equal(["moe@example.org", "sam@example.org"], digests.Keys.Order());
        Assert.Equal(Fixture.SegmentAnythingTitles.Order(), DigestWorld.Titles(digests["sam@example.org"].Single()).Order());
        var moe = DigestWorld.Titles(digests["moe@example.org"].Single());
        Assert.NotEmpty(moe);
        Assert.Empty(moe.Intersect(Fixture.SegmentAnythingTitles));
        Assert.StartsWith("10 new papers on SAM · ", digests["sam@example.org"].Single().Subject);
    }

    [Fact]
    public async Task A_second_run_sends_nothing_new_and_a_new_paper_arrives_alone()
    {
        await using var world = await DigestWorld.StartAsync();
        await world.SubscribeAsync("sam@example.org", ["SAM", "-medical"]);
        var first = await world.RunAsync();
        var firstTitles = DigestWorld.Titles(world.Digests()["sam@example.org"].Single());
        Assert.DoesNotContain(firstTitles, t => t.Contains("Medical"));

        var second = await world.RunAsync();

        Assert.Equal(1, first.GetProperty("sent").GetInt32());
        Assert.Equal((0, 1, 0), (second.GetProperty("built").GetInt32(), second.GetProperty("skipped").GetInt32(), second.GetProperty("sent").GetInt32()));
        Assert.Single(world.Digests()["sam@example.org"]);

        await world.ImportAsync(Encoding.UTF8.GetBytes("March 20, 2024\n\nSAM 3: Segmenting Even More Things\n\nWe extend the Segment Anything Model.\n"));
        var third = await world.RunAsync();

        Assert.Equal(1, third.GetProperty("sent").GetInt32());
        var latest = world.Digests()["sam@example.org"].Last();
        Assert.Equal(["SAM 3: Segmenting Even More Things"], DigestWorld.Titles(latest));
        Assert.StartsWith("1 new paper on SAM · ", latest.Subject);
    }

    [Fact]
    public async Task Since_widens_or_narrows_every_window_but_never_resends()
    {
        await using var world = await DigestWorld.StartAsync();
        await world.SubscribeAsync("sam@example.org", ["SAM"]);

        var future = await world.RunAsync(new { since = DateTime.UtcNow.AddDays(1).ToString("O") });
        var all = await world.RunAsync(new { since = "2020-01-01" });
        var again = await world.RunAsync(new { since = "2020-01-01" });

        Assert.Equal(0, future.GetProperty("built").GetInt32());
        Assert.Equal(1, all.GetProperty("sent").GetInt32());
        Assert.Equal(0, again.GetProperty("built").GetInt32());
    }

    [Fact]
    public async Task The_runs_API_refuses_bad_input_and_unknown_runs()
    {
        await using var world = await DigestWorld.StartAsync();
        using var admin = world.App.CreateAdminClient();
        using var anonymous = world.App.HttpClient();

        var badSince = await admin.PostAsync("/api/admin/digests/runs", new StringContent("""{"since":"soon"}""", Encoding.UTF8, "application/json"));
        var malformed = await admin.PostAsync("/api/admin/digests/runs", new StringContent("""{"since":""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, badSince.StatusCode);
        Assert.Contains("since", await badSince.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/digests/runs/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/admin/digests/runs", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync("/api/admin/digests/runs", null)).StatusCode);
    }
}
