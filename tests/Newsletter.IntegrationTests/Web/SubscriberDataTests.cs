using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Newsletter.IntegrationTests.Digests;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Web;

/// <summary>"Download my data" and "delete everything about me", from the manage link, over real HTTP.</summary>
public partial class SubscriberDataTests
{
    private static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path) =>
        AntiforgeryField().Match(await client.GetStringAsync(path)).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [Fact]
    public async Task The_export_holds_the_subscribers_preferences_timestamps_digests_with_their_papers_and_emails()
    {
        await using var world = await DigestWorld.StartAsync();
        var confirmation = await world.SubscribeAsync("export@example.org", ["SAM", "-medical"]);
        await world.RunAsync();
        var managePath = NewsletterApp.PathOf(EmailLinks.Find(confirmation, "/manage/"));
        using var client = world.App.HttpClient();

        var response = await client.GetAsync(managePath + "/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var data = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("export@example.org", data.GetProperty("email").GetString());
        Assert.Equal("active", data.GetProperty("status").GetString());
        Assert.Equal(["SAM", "-medical"], data.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(("daily", 7, "UTC"), (data.GetProperty("cadence").GetString(), data.GetProperty("sendHour").GetInt32(), data.GetProperty("timeZone").GetString()));
        Assert.NotEqual(JsonValueKind.Null, data.GetProperty("confirmedAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, data.GetProperty("lastDigestAt").ValueKind);
        Assert.False(data.TryGetProperty("tokenNonce", out _));

        var digest = Assert.Single(data.GetProperty("digests").EnumerateArray());
        var sentTitles = DigestWorld.Titles(world.Digests()["export@example.org"].Single());
        Assert.Equal(sentTitles, digest.GetProperty("papers").EnumerateArray().Select(p => p.GetProperty("title").GetString()));
        Assert.All(digest.GetProperty("papers").EnumerateArray(), p => Assert.Matches(@"^2403\.\d{5}$", p.GetProperty("id").GetString()));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", digest.GetProperty("date").GetString());
        Assert.Equal(["confirm_subscription", "digest"], data.GetProperty("emails").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Export_and_delete_links_with_an_unknown_or_wrong_purpose_token_are_404()
    {
        await using var app = new NewsletterApp(null);
        using var client = app.HttpClient();
        await client.PostAsJsonAsync("/api/subscriptions", new { email = "wrong-token@example.org", keywords = new[] { "SAM" } });
        var outbox = Path.Combine(app.DataDirectory, "outbox");
        var file = await Eventually.HoldsAsync(
            () => Task.FromResult(Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml").FirstOrDefault() : null),
            path => path is not null, "the confirmation email");
        var unsubscribeToken = EmailLinks.Find(await MimeKit.MimeMessage.LoadAsync(file!), "/unsubscribe/").Split('/').Last();

        foreach (var token in new[] { "nope", unsubscribeToken })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/manage/{token}/export")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/manage/{token}/delete")).StatusCode);
        }

        Assert.Equal(1, await app.SubscriberCountAsync());
    }

    [Fact]
    public async Task Deleting_asks_first_refuses_a_post_without_antiforgery_and_then_erases_everything()
    {
        await using var app = new NewsletterApp(null);
        using var client = app.HttpClient(followRedirects: false);
        await client.PostAsJsonAsync("/api/subscriptions", new { email = "erase-me@example.org", keywords = new[] { "SAM" } });
        var outbox = Path.Combine(app.DataDirectory, "outbox");
        var file = await Eventually.HoldsAsync(
            () => Task.FromResult(Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml").FirstOrDefault() : null),
            path => path is not null, "the confirmation email");
        var confirmation = await MimeKit.MimeMessage.LoadAsync(file!);
        var managePath = NewsletterApp.PathOf(EmailLinks.Find(confirmation, "/manage/"));

        var ask = await client.GetStringAsync(managePath + "/delete");
        Assert.Contains("Delete everything about you?", WebUtility.HtmlDecode(ask));
        Assert.Equal("pending", await app.StatusOfAsync("erase-me@example.org"));

        var forged = await client.PostAsync(managePath + "/delete", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(1, await app.SubscriberCountAsync());

        var token = await AntiforgeryTokenAsync(client, managePath + "/delete");
        var erase = await client.PostAsync(managePath + "/delete", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Redirect, erase.StatusCode);
        Assert.Equal("/deleted", erase.Headers.Location?.OriginalString);
        Assert.Contains("Everything about you is deleted", WebUtility.HtmlDecode(await client.GetStringAsync("/deleted")));
        Assert.Equal(0, await app.SubscriberCountAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(managePath)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(NewsletterApp.PathOf(EmailLinks.Find(confirmation, "/confirm/")))).StatusCode);
        var again = await client.PostAsync(managePath + "/delete", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }
}
