using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Matching;

public sealed class PreviewAppFixture : IAsyncLifetime
{
    public NewsletterApp App { get; } = new(null);

    public async Task InitializeAsync()
    {
        using var admin = App.CreateAdminClient();
        foreach (var file in new[] { "daily-papers-sample.txt", "hf-daily-papers.json", "hf-hostile.json" })
        {
            (await admin.PostAsync("/api/admin/papers/import", new ByteArrayContent(Fixture.Paper(file)))).EnsureSuccessStatusCode();
        }
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>POST /api/preview through real HTTP, against the sample papers.</summary>
public class PreviewApiTests(PreviewAppFixture fixture) : IClassFixture<PreviewAppFixture>
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> PreviewAsync(object body)
    {
        using var client = fixture.App.HttpClient();
        var response = await client.PostAsJsonAsync("/api/preview", body);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task Previews_the_ranked_papers_with_scores_matched_keywords_and_marked_snippets()
    {
        var (status, body) = await PreviewAsync(new { keywords = new[] { "SAM", "mobile" } });

        Assert.Equal(HttpStatusCode.OK, status);
        var papers = body.GetProperty("papers").EnumerateArray().ToList();
        Assert.Equal(13, body.GetProperty("total").GetInt32());
        Assert.Equal(13, papers.Count);
        var top = papers[0];
        Assert.Equal(["SAM", "mobile"], top.GetProperty("matched").EnumerateArray().Select(k => k.GetString()).Order(StringComparer.Ordinal));
        Assert.Matches("^2403\\.", top.GetProperty("id").GetString());
        Assert.Contains("<mark>", top.GetProperty("snippet").GetString());
        var scores = papers.Select(p => p.GetProperty("score").GetInt32()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
    }

    [Fact]
    public async Task The_limit_and_since_narrow_the_preview()
    {
        var (_, many) = await PreviewAsync(new { keywords = new[] { "model" } });
        Assert.Equal(20, many.GetProperty("papers").GetArrayLength()); // the default limit
        Assert.True(many.GetProperty("total").GetInt32() > 20);
        var (_, limited) = await PreviewAsync(new { keywords = new[] { "SAM" }, limit = 3 });
        var (_, future) = await PreviewAsync(new { keywords = new[] { "SAM" }, since = DateTime.UtcNow.AddDays(1).ToString("O") });

        Assert.Equal(3, limited.GetProperty("papers").GetArrayLength());
        Assert.Equal(10, limited.GetProperty("total").GetInt32());
        Assert.Equal(0, future.GetProperty("papers").GetArrayLength());
    }

    [Fact]
    public async Task Markup_in_papers_and_keywords_never_comes_back_as_markup()
    {
        var (status, body) = await PreviewAsync(new { keywords = new[] { "alert", "<img src=x onerror=alert(1)>" } });

        Assert.Equal(HttpStatusCode.OK, status);
        var snippets = body.GetProperty("papers").EnumerateArray().Select(p => p.GetProperty("snippet").GetString()!).ToList();
        Assert.NotEmpty(snippets);
        Assert.All(snippets, s => Assert.DoesNotContain("<script", s));
        Assert.Contains(snippets, s => s.Contains("&lt;script&gt;"));
    }

    [Theory]
    [InlineData("""{}""", "keywords")]
    [InlineData("""{"keywords":[]}""", "keywords")]
    [InlineData("""{"keywords":"SAM"}""", "keywords")]
    [InlineData("""{"keywords":["SAM"],"limit":0}""", "limit")]
    [InlineData("""{"keywords":["SAM"],"limit":201}""", "limit")]
    [InlineData("""{"keywords":["SAM"],"limit":"ten"}""", "limit")]
    [InlineData("""{"keywords":["SAM"],"since":"last week"}""", "since")]
    [InlineData("""{"keywords":["SAM"],"since":7}""", "since")]
    [InlineData("""{"keywords":["SAM"]""", "body")]
    public async Task Bad_previews_get_400_naming_the_field(string json, string field)
    {
        using var client = fixture.App.HttpClient();
        var response = await client.PostAsync("/api/preview", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("NEAR(")]
    [InlineData("*")]
    [InlineData("title:")]
    [InlineData("'; DROP TABLE papers; --")]
    public async Task Query_syntax_in_keywords_never_errors(string keyword)
    {
        var (status, _) = await PreviewAsync(new { keywords = new[] { keyword } });

        Assert.Equal(HttpStatusCode.OK, status);
    }
}
