using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Security;

/// <summary>The per-address limits, with small limits so a test can reach them.</summary>
public class RateLimitingTests : IAsyncLifetime
{
    private NewsletterApp app = default!;

    public Task InitializeAsync()
    {
        app = new NewsletterApp(null, new Dictionary<string, string?>
        {
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:SubscribePerMinute"] = "5",
            ["RateLimiting:PreviewPerMinute"] = "8",
            ["RateLimiting:TokenPagesPerMinute"] = "6",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_burst_of_subscribes_past_the_limit_gets_429_with_Retry_After_and_a_problem()
    {
        using var client = app.HttpClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/subscriptions", new { email = $"burst{i}@example.org", keywords = new[] { "SAM" } })).StatusCode);
        }

        var refused = await client.PostAsJsonAsync("/api/subscriptions", new { email = "late@example.org", keywords = new[] { "SAM" } });

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Accepted, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)), statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) is > 0 and <= 60);
        Assert.Equal(429, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        Assert.Equal(5, await app.SubscriberCountAsync());
    }

    [Fact]
    public async Task Hammering_the_subscribe_form_gets_a_polite_page_and_reading_the_front_page_is_not_limited()
    {
        using var client = app.HttpClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        }

        HttpResponseMessage last = default!;
        for (var i = 0; i < 6; i++)
        {
            last = await client.PostAsync("/", new FormUrlEncodedContent([new("Email", $"form{i}@example.org"), new("Keywords", "SAM")]));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.Equal("text/html", last.Content.Headers.ContentType?.MediaType);
        Assert.Contains("One moment, please", await last.Content.ReadAsStringAsync());
        Assert.True(last.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task The_preview_and_the_token_pages_have_their_own_limits()
    {
        using var client = app.HttpClient();
        var previews = new List<HttpStatusCode>();
        for (var i = 0; i < 9; i++)
        {
            previews.Add((await client.PostAsJsonAsync("/api/preview", new { keywords = new[] { "SAM" } })).StatusCode);
        }

        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            guesses.Add((await client.GetAsync($"/manage/AgAAAAAAAAAB{i:D4}AAAAAAAAAAAAAAAAAAAAAAAAAAAA")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, previews[7]);
        Assert.Equal(HttpStatusCode.TooManyRequests, previews[8]);
        Assert.Equal(HttpStatusCode.NotFound, guesses[5]);
        Assert.Equal(HttpStatusCode.TooManyRequests, guesses[6]);
    }
}
