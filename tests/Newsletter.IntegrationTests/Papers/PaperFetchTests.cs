using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Papers;

/// <summary>The HTTP sources, through the real HTTP path, against a local server on loopback.</summary>
public class PaperFetchTests : IAsyncLifetime
{
    private const int MaxRetries = 2;
    private FakePaperSource source = default!;
    private NewsletterApp app = default!;
    private HttpClient admin = default!;

    public async Task InitializeAsync()
    {
        source = await FakePaperSource.StartAsync();
        app = new NewsletterApp(null, new Dictionary<string, string?>
        {
            ["Papers:HuggingFace:BaseUrl"] = source.BaseUrl,
            ["Papers:Arxiv:BaseUrl"] = source.BaseUrl,
            ["Papers:Arxiv:MinInterval"] = "00:00:00",
            ["Papers:Arxiv:MaxResults"] = "200",
            ["Papers:Http:MaxRetries"] = MaxRetries.ToString(),
            ["Papers:Http:RetryDelay"] = "00:00:00.050",
            ["Papers:Http:Timeout"] = "00:00:05",
        });
        admin = app.CreateAdminClient();
    }

    public async Task DisposeAsync()
    {
        admin.Dispose();
        await app.DisposeAsync();
        await source.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> FetchAsync(object request)
    {
        var response = await admin.PostAsJsonAsync("/api/admin/papers/fetch", request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static byte[] SyntheticDailyPapers(int from, int count) => JsonSerializer.SerializeToUtf8Bytes(
        Enumerable.Range(from, count).Select(i => new
        {
            paper = new { id = $"2501.{i:D5}", title = $"Synthetic paper {i}", summary = "An abstract.", upvotes = i, authors = new[] { new { name = "A. Author" } } },
            title = $"Synthetic paper {i}",
            numComments = 0,
        }));

    [Fact]
    public async Task Hugging_Face_is_paged_until_a_short_page()
    {
        source.Respond = (context, _) => FakePaperSource.Bytes(context, context.Request.Query["p"] == "0"
            ? SyntheticDailyPapers(0, 100)
            : context.Request.Query["p"] == "1" ? SyntheticDailyPapers(100, 50) : SyntheticDailyPapers(1000, 100), "application/json");

        var (status, body) = await FetchAsync(new { source = "huggingface", date = "2024-03-14" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(150, body.GetProperty("added").GetInt32());
        Assert.Equal(
            ["/api/daily_papers?date=2024-03-14&limit=100&p=0", "/api/daily_papers?date=2024-03-14&limit=100&p=1"],
            source.Requests.Select(r => r.PathAndQuery));
        Assert.All(source.Requests, r => Assert.StartsWith("Newsletter/1.0", r.UserAgent));
    }

    [Fact]
    public async Task Recorded_Hugging_Face_responses_merge_with_a_text_import()
    {
        await admin.PostAsync("/api/admin/papers/import", new ByteArrayContent(Fixture.Paper("daily-papers-sample.txt")));
        source.Respond = (context, _) => FakePaperSource.Bytes(context, Fixture.Paper("hf-daily-papers.json"), "application/json");

        var (status, body) = await FetchAsync(new { source = "huggingface", date = "2024-03-14" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((0, 97), (body.GetProperty("added").GetInt32(), body.GetProperty("updated").GetInt32()));
    }

    [Fact]
    public async Task An_empty_weekend_adds_nothing_and_is_not_an_error()
    {
        source.Respond = (context, _) => FakePaperSource.Bytes(context, Fixture.Paper("hf-weekend.json"), "application/json");

        var (status, body) = await FetchAsync(new { source = "huggingface", date = "2024-03-16" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body.GetProperty("added").GetInt32());
        Assert.Single(source.Requests);
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_retried_and_then_succeeds()
    {
        source.Respond = (context, n) =>
        {
            if (n == 0)
            {
                context.Response.Headers.RetryAfter = "1";
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return Task.CompletedTask;
            }

            return FakePaperSource.Bytes(context, SyntheticDailyPapers(0, 3), "application/json");
        };

        var (status, body) = await FetchAsync(new { source = "huggingface", date = "2024-03-14" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, body.GetProperty("added").GetInt32());
        Assert.Equal(2, source.Requests.Count);
    }

    [Fact]
    public async Task A_persistent_500_is_retried_then_reported_as_502_and_stores_nothing()
    {
        source.Respond = (context, _) => FakePaperSource.Bytes(context, "oops"u8.ToArray(), "text/plain", 500);

        var (status, problem) = await FetchAsync(new { source = "huggingface", date = "2024-03-14" });

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Contains("500", problem.GetProperty("detail").GetString());
        Assert.Equal(MaxRetries + 1, source.Requests.Count);
        using var client = app.HttpClient();
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/papers")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_malformed_payload_is_reported_as_502_saying_what_was_wrong()
    {
        source.Respond = (context, _) => FakePaperSource.Bytes(context, Fixture.Paper("hf-malformed.json"), "application/json");

        var (status, problem) = await FetchAsync(new { source = "huggingface", date = "2024-03-14" });

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unreachable_source_is_reported_as_502_and_the_app_keeps_serving()
    {
        await source.DisposeAsync();

        var (status, _) = await FetchAsync(new { source = "huggingface", date = "2024-03-14" });

        Assert.Equal(HttpStatusCode.BadGateway, status);
        using var client = app.HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task arXiv_is_queried_by_category_newest_first_and_its_entries_stored()
    {
        source.Respond = (context, _) => FakePaperSource.Bytes(context, Fixture.Paper("arxiv-atom.xml"), "application/atom+xml");

        var (status, body) = await FetchAsync(new { source = "arxiv" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(97, body.GetProperty("added").GetInt32());
        var query = Assert.Single(source.Requests).PathAndQuery; // 97 < page size: one call
        Assert.StartsWith("/api/query?search_query=cat:cs.CV+OR+cat:cs.LG+OR+cat:cs.CL+OR+cat:cs.AI", query);
        Assert.Contains("sortBy=submittedDate&sortOrder=descending&start=0&max_results=100", query);
    }

    [Theory]
    [InlineData("""{"source":"nature"}""", "source")]
    [InlineData("""{}""", "source")]
    [InlineData("""{"source":"huggingface","date":"14/03/2024"}""", "date")]
    [InlineData("""{"source":1}""", "source")]
    [InlineData("""{"source":""", "body")]
    public async Task Bad_fetch_requests_get_400_naming_the_field(string json, string field)
    {
        var response = await admin.PostAsync("/api/admin/papers/fetch", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Empty(source.Requests);
    }
}
