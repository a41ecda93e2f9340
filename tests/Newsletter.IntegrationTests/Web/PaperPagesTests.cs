using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Web;

public sealed class PaperPagesFixture : IAsyncLifetime
{
    public NewsletterApp App { get; } = new(null);

    public async Task InitializeAsync()
    {
        using var admin = App.CreateAdminClient();
        foreach (var file in new[] { Fixture.Paper("hf-daily-papers.json"), Fixture.Paper("hf-hostile.json"), Encoding.UTF8.GetBytes(EarlierDay) })
        {
            (await admin.PostAsync("/api/admin/papers/import", new ByteArrayContent(file))).EnsureSuccessStatusCode();
        }
    }

    /// <summary>Two papers on 11 March 2024, three days before the sample's 14 March.</summary>
    public const string EarlierDay = """
        Mar 11, 2024

        An Earlier Paper on Pruning

        An abstract about pruning.

        Another Earlier Paper on Diffusion

        An abstract about diffusion.
        """;

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}

/// <summary>The front page's papers and /papers?date=, over real HTTP.</summary>
public class PaperPagesTests(PaperPagesFixture fixture) : IClassFixture<PaperPagesFixture>
{
    private async Task<(HttpStatusCode Status, AngleSharp.Html.Dom.IHtmlDocument Page)> GetAsync(string path)
    {
        using var client = fixture.App.HttpClient();
        var response = await client.GetAsync(path);
        return (response.StatusCode, new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_front_page_shows_the_latest_days_papers_with_authors_upvotes_and_links_most_upvoted_first()
    {
        var (status, page) = await GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Papers of Thursday, 14 March 2024", page.QuerySelector("#papers-heading")!.TextContent.Trim());
        var papers = page.QuerySelectorAll(".paper-list .paper");
        Assert.Equal(99, papers.Length); // the sample's 97 and the two hostile ones of that day
        var upvotes = papers.Select(p => int.Parse(p.QuerySelector(".upvotes")?.TextContent.Trim('▲', ' ').Split(' ')[0] ?? "-1")).ToList();
        Assert.Equal(upvotes.OrderDescending(), upvotes);
        var first = papers[0];
        Assert.Matches(@"^[^,]+, [^,]+, [^,]+ et al\.$|^[^,]+(, [^,]+){0,2}$", first.QuerySelector(".paper-authors")!.TextContent);
        Assert.StartsWith("https://huggingface.co/papers/2403.", first.QuerySelector(".paper-title a")!.GetAttribute("href"));
        Assert.Contains(first.QuerySelectorAll(".paper-meta a"), a => a.TextContent == "arXiv");
        Assert.Equal("/papers?date=2024-03-11", page.QuerySelector(".section-meta a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Titles_and_abstracts_are_shown_as_text_never_as_markup()
    {
        using var client = fixture.App.HttpClient();
        var html = await client.GetStringAsync("/papers?date=2024-03-14");

        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; Diffusion &lt;b&gt;models&lt;/b&gt;", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<script>alert", html);
    }

    [Fact]
    public async Task An_earlier_day_links_to_the_days_either_side_that_have_papers()
    {
        var (status, page) = await GetAsync("/papers?date=2024-03-11");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Monday, 11 March 2024", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(["An Earlier Paper on Pruning", "Another Earlier Paper on Diffusion"],
            page.QuerySelectorAll(".paper-title").Select(t => t.TextContent.Trim()));
        Assert.Null(page.QuerySelector("a[rel=prev]"));
        Assert.Equal("/papers?date=2024-03-14", page.QuerySelector("a[rel=next]")!.GetAttribute("href"));

        var (_, between) = await GetAsync("/papers?date=2024-03-12");
        Assert.Empty(between.QuerySelectorAll(".paper"));
        Assert.Equal("/papers?date=2024-03-11", between.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("/papers?date=2024-03-14", between.QuerySelector("a[rel=next]")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2024-02-30")]
    [InlineData("2024-3-14")]
    [InlineData("14/03/2024")]
    [InlineData("9999-99-99")]
    [InlineData("%3Cscript%3E")]
    public async Task A_date_that_is_not_one_gets_a_400_page_not_a_500(string date)
    {
        var (status, page) = await GetAsync($"/papers?date={date}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("That isn't a date we can read", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
    }
}
