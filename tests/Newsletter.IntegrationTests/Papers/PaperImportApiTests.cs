using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Papers;

/// <summary>POST /api/admin/papers/import and GET /api/papers through real HTTP.</summary>
public class PaperImportApiTests : IAsyncLifetime
{
    private const long MaxImportBytes = 600_000;
    private NewsletterApp app = default!;
    private HttpClient admin = default!;

    public Task InitializeAsync()
    {
        app = new NewsletterApp(null, new Dictionary<string, string?> { ["Papers:MaxImportBytes"] = MaxImportBytes.ToString() });
        admin = app.CreateAdminClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        admin.Dispose();
        await app.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> ImportAsync(byte[] body, string? format = null)
    {
        var response = await admin.PostAsync("/api/admin/papers/import" + (format is null ? "" : $"?format={format}"), new ByteArrayContent(body));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private async Task<long> TotalAsync()
    {
        using var client = app.HttpClient();
        return (await client.GetFromJsonAsync<JsonElement>("/api/papers")).GetProperty("total").GetInt64();
    }

    [Fact]
    public async Task Importing_the_sample_adds_97_then_0_and_the_papers_can_be_browsed()
    {
        var (status, first) = await ImportAsync(Fixture.Paper("daily-papers-sample.txt"));
        var (_, second) = await ImportAsync(Fixture.Paper("daily-papers-sample.txt"), "text");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(97, first.GetProperty("added").GetInt32());
        Assert.Equal(0, second.GetProperty("added").GetInt32());
        Assert.Equal(97, second.GetProperty("unchanged").GetInt32());
        using var client = app.HttpClient();
        var page = await client.GetFromJsonAsync<JsonElement>("/api/papers?limit=10&offset=5");
        Assert.Equal(97, page.GetProperty("total").GetInt64());
        var paper = page.GetProperty("papers")[0];
        foreach (var field in new[] { "id", "title", "abstract", "authors", "publishedAt", "upvotes", "links" })
        {
            Assert.True(paper.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task Hugging_Face_and_arXiv_copies_merge_into_the_same_papers()
    {
        await ImportAsync(Fixture.Paper("daily-papers-sample.txt"));

        var (_, hf) = await ImportAsync(Fixture.Paper("hf-daily-papers.json"), "hf-json");
        var (_, atom) = await ImportAsync(Fixture.Paper("arxiv-atom.xml"));

        Assert.Equal(0, hf.GetProperty("added").GetInt32());
        Assert.Equal(0, atom.GetProperty("added").GetInt32());
        Assert.Equal(97, await TotalAsync());
        using var client = app.HttpClient();
        var papers = (await client.GetFromJsonAsync<JsonElement>("/api/papers?limit=200")).GetProperty("papers");
        Assert.All(papers.EnumerateArray(), p => Assert.Equal(JsonValueKind.Number, p.GetProperty("upvotes").ValueKind));
        Assert.Contains(papers.EnumerateArray(), p => p.GetProperty("id").GetString() == "2403.08000"
            && p.GetProperty("links").GetProperty("pdf").GetString() == "https://arxiv.org/pdf/2403.08000");
    }

    [Fact]
    public async Task Entries_without_a_title_are_listed_in_errors()
    {
        var (status, body) = await ImportAsync(Fixture.Paper("hf-hostile.json"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body.GetProperty("added").GetInt32());
        Assert.Equal(2, body.GetProperty("errors").GetArrayLength());
    }

    [Theory]
    [InlineData("hf-malformed.json", null, "line")]
    [InlineData("hf-malformed.json", "hf-json", "line")]
    [InlineData("arxiv-malformed.xml", null, "line")]
    [InlineData("arxiv-xxe.xml", null, "DTD")]
    [InlineData("daily-papers-sample.txt", "arxiv-atom", "line")]
    [InlineData("hf-daily-papers.json", "text", "date line")]
    public async Task Unreadable_files_get_400_saying_where_and_store_nothing(string fixture, string? format, string expected)
    {
        var (status, problem) = await ImportAsync(Fixture.Paper(fixture), format);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, problem.GetProperty("errors").GetProperty("body")[0].GetString());
        Assert.Equal(0, await TotalAsync());
    }

    [Fact]
    public async Task Invalid_UTF8_text_gets_400()
    {
        var (status, problem) = await ImportAsync([.. "Mar 14\n\nTitle \u00e9"u8.ToArray(), 0xFF, 0xFE, .. "\n\nAbstract.\n"u8.ToArray()], "text");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("UTF-8", problem.GetProperty("errors").GetProperty("body")[0].GetString());
    }

    [Fact]
    public async Task An_unknown_format_or_an_empty_body_gets_400_naming_the_field()
    {
        var (formatStatus, formatProblem) = await ImportAsync(Fixture.Paper("daily-papers-sample.txt"), "csv");
        var (emptyStatus, emptyProblem) = await ImportAsync([]);

        Assert.Equal(HttpStatusCode.BadRequest, formatStatus);
        Assert.True(formatProblem.GetProperty("errors").TryGetProperty("format", out _));
        Assert.Equal(HttpStatusCode.BadRequest, emptyStatus);
        Assert.True(emptyProblem.GetProperty("errors").TryGetProperty("body", out _));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_the_limit_gets_413_whether_or_not_it_declares_its_length(bool declared)
    {
        var big = new byte[MaxImportBytes + 100_000];
        Array.Fill(big, (byte)'a');
        HttpContent content = declared ? new ByteArrayContent(big) : new StreamContent(new NonSeekableStream(big));

        var response = await admin.PostAsync("/api/admin/papers/import", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Import_needs_the_admin_key()
    {
        using var anonymous = app.HttpClient();
        var response = await anonymous.PostAsync("/api/admin/papers/import", new ByteArrayContent(Fixture.Paper("daily-papers-sample.txt")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await TotalAsync());
    }

    [Theory]
    [InlineData("since=yesterday", "since")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("limit=ten", "limit")]
    public async Task Bad_listing_parameters_get_400_naming_them(string query, string field)
    {
        using var client = app.HttpClient();
        var response = await client.GetAsync($"/api/papers?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    /// <summary>A body stream with no length, so HttpClient sends it chunked.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
