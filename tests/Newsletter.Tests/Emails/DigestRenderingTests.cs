using System.Text.Encodings.Web;
using System.Text.Unicode;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Newsletter.Emails;
using Newsletter.Matching;
using Newsletter.Templates;

namespace Newsletter.Tests.Emails;

/// <summary>The digest templates, rendered by the real HtmlRenderer and read back with an HTML parser.</summary>
public class DigestRenderingTests
{
    private const string Hostile = "<img src=x onerror=alert(1)>";

    private static readonly EmailFooter Footer = new(
        $"You get this email because ada@example.org subscribed to papers on SAM, {Hostile}.",
        "https://papers.example.test/manage/AgAAAAAAAAAB",
        "https://papers.example.test/unsubscribe/AwAAAAAAAAAB");

    private static DigestEmail Digest() => new(
        "2 new papers on SAM · 25 Nov",
        "TinySAM · Evil",
        [
            new DigestEmailPaper("TinySAM: Pushing the Envelope", "https://huggingface.co/papers/2403.08001", "Zoë Müller, Łukasz Kaiser, José Álvarez et al.",
                FullTextIndex.MarkedHtml("The \u0002Segment Anything Model\u0003 (\u0002SAM\u0003) is heavy & slow."),
                "The Segment Anything Model (SAM) is heavy & slow.", ["SAM"], 42,
                "https://arxiv.org/abs/2403.08001", "https://arxiv.org/pdf/2403.08001", "https://github.com/example/tinysam", ["model compression"],
                "https://papers.example.test/feedback/BAEBmz-more", "https://papers.example.test/feedback/BQEBmz-less"),
            new DigestEmailPaper($"{Hostile} Diffusion <b>models</b>", "https://huggingface.co/papers/2403.99001", $"<script>alert(1)</script>",
                FullTextIndex.MarkedHtml($"Beware \u0002{Hostile}\u0003 and <script>alert(\"x\")</script>"),
                $"Beware {Hostile}", [Hostile], null, null, null, null, [],
                "https://papers.example.test/feedback/BAECmz-more", "https://papers.example.test/feedback/BQECmz-less"),
        ],
        ["SAM", Hostile],
        Footer);

    private static async Task<(string Html, string Text)> RenderAsync(DigestEmail email)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(HtmlEncoder.Create(UnicodeRanges.All))
            .BuildServiceProvider();
        var renderer = new EmailRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.RenderAsync<Newsletter.Templates.Digest, DigestText>("Email", email);
    }

    [Fact]
    public async Task Markup_from_papers_and_subscribers_is_shown_as_text_never_as_elements()
    {
        var (html, _) = await RenderAsync(Digest());
        var document = new HtmlParser().ParseDocument(html);

        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Empty(document.QuerySelectorAll("img"));
        Assert.Empty(document.QuerySelectorAll("b"));
        Assert.Contains(Hostile, document.Body!.TextContent);
        Assert.Contains("<script>alert(1)</script>", document.Body.TextContent);
        Assert.DoesNotContain("onerror=alert(1)>", html.Replace("&lt;img src=x onerror=alert(1)&gt;", ""));
    }

    [Fact]
    public async Task Every_link_is_absolute_and_goes_where_it_says()
    {
        var (html, _) = await RenderAsync(Digest());
        var links = new HtmlParser().ParseDocument(html).QuerySelectorAll("a").Select(a => (Text: a.TextContent.Trim(), Href: a.GetAttribute("href")!)).ToList();

        Assert.All(links, l => Assert.StartsWith("https://", l.Href));
        Assert.Contains(("TinySAM: Pushing the Envelope", "https://huggingface.co/papers/2403.08001"), links);
        Assert.Contains(("arXiv", "https://arxiv.org/abs/2403.08001"), links);
        Assert.Contains(("PDF", "https://arxiv.org/pdf/2403.08001"), links);
        Assert.Contains(("Code", "https://github.com/example/tinysam"), links);
        Assert.Contains(("More like this", "https://papers.example.test/feedback/BAEBmz-more"), links);
        Assert.Contains(("Less like this", "https://papers.example.test/feedback/BQEBmz-less"), links);
        Assert.Contains(("Manage preferences", Footer.ManageUrl), links);
        Assert.Contains(("Unsubscribe", Footer.UnsubscribeUrl), links);
    }

    [Fact]
    public async Task The_matched_keywords_are_highlighted()
    {
        var (html, _) = await RenderAsync(Digest());
        var marks = new HtmlParser().ParseDocument(html).QuerySelectorAll("mark").Select(m => m.TextContent).ToList();

        Assert.Equal(["Segment Anything Model", "SAM", Hostile], marks);
    }

    [Fact]
    public async Task The_text_part_carries_the_same_papers_and_links_as_the_HTML_part()
    {
        var email = Digest();
        var (html, text) = await RenderAsync(email);
        var hrefs = new HtmlParser().ParseDocument(html).QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).Distinct();

        Assert.All(hrefs, href => Assert.Contains(href, text));
        Assert.All(email.Papers, p => Assert.Contains(p.Title, text));
        Assert.Contains("Matched: SAM · related to model compression · 42 upvotes", text); // words, then meaning
        Assert.Contains("Matched: <strong>SAM · related to model compression</strong>", html);
        Assert.Contains(Hostile, text); // plain text is not HTML: shown exactly as it is
        Assert.DoesNotContain("&lt;", text);
        Assert.DoesNotContain("<mark>", text);
    }

    [Fact]
    public async Task The_HTML_is_a_single_table_column_of_at_most_600px_with_no_scripts_or_web_fonts()
    {
        var (html, _) = await RenderAsync(Digest());
        var document = new HtmlParser().ParseDocument(html);

        Assert.Contains(document.QuerySelectorAll("table"), t => (t.GetAttribute("style") ?? "").Contains("max-width:600px"));
        Assert.DoesNotContain("@font-face", html);
        Assert.DoesNotContain("fonts.googleapis", html);
        Assert.Contains("prefers-color-scheme: dark", html);
        Assert.Empty(document.QuerySelectorAll("link[rel=stylesheet]"));
        Assert.Equal("TinySAM · Evil", document.QuerySelector("div[style*='display:none']")!.TextContent[..14]);
    }

    [Fact]
    public async Task Every_paper_carries_its_own_more_and_less_like_this_links_in_both_parts_and_none_without_them()
    {
        var email = Digest();
        var (html, text) = await RenderAsync(email);
        var links = new HtmlParser().ParseDocument(html).QuerySelectorAll("a").Select(a => (Text: a.TextContent.Trim(), Href: a.GetAttribute("href")!)).ToList();

        Assert.Equal(email.Papers.Select(p => p.MoreUrl), links.Where(l => l.Text == "More like this").Select(l => l.Href));
        Assert.Equal(email.Papers.Select(p => p.LessUrl), links.Where(l => l.Text == "Less like this").Select(l => l.Href));
        Assert.All(email.Papers, p => Assert.Contains($"   More like this: {p.MoreUrl}\n   Less like this: {p.LessUrl}", text));

        var without = email with { Papers = email.Papers.Select(p => p with { MoreUrl = null, LessUrl = null }).ToList() };
        var (plainHtml, plainText) = await RenderAsync(without);
        Assert.DoesNotContain("like this", plainHtml);
        Assert.DoesNotContain("like this", plainText);
    }
}
