using System.Text;
using Newsletter.Papers;
using Newsletter.Papers.Sources;

namespace Newsletter.Tests.Papers;

public class StructuredParserTests
{
    private static PaperBatch Hf(string name) => HuggingFaceJsonParser.Parse(Fixture.Paper(name));
    private static PaperBatch Atom(string name) => ArxivAtomParser.Parse(new MemoryStream(Fixture.Paper(name)));

    [Fact]
    public void Hugging_Face_JSON_maps_every_field()
    {
        var batch = Hf("hf-daily-papers.json");

        Assert.Equal(97, batch.Papers.Count);
        var first = batch.Papers[0];
        Assert.Equal("2403.08000", first.ArxivId);
        Assert.StartsWith("ESimCSE", first.Title);
        Assert.NotEmpty(first.Authors);
        Assert.NotEmpty(first.AiKeywords);
        Assert.NotNull(first.Upvotes);
        Assert.Equal(new DateOnly(2024, 3, 14), first.FeedDate);
        Assert.NotNull(first.PublishedAt);
        Assert.Contains(batch.Papers, p => p.Authors.Contains("Łukasz Kaiser") || p.Authors.Contains("Zoë Müller"));
        Assert.Contains(batch.Papers, p => p.GithubRepo is not null);
        Assert.All(batch.Papers, p => Assert.Equal(HuggingFaceJsonParser.SourceName, p.Source));
    }

    [Fact]
    public void Hugging_Face_items_without_a_title_are_skipped_and_reported_and_markup_is_kept_as_text()
    {
        var batch = Hf("hf-hostile.json");

        Assert.Equal(["2403.99001", "2403.99003"], batch.Papers.Select(p => p.ArxivId));
        Assert.Equal(2, batch.Errors.Count);
        Assert.Contains("2403.99002", batch.Errors[0]);
        Assert.Contains("<img src=x onerror=alert(1)>", batch.Papers[0].Title);
        Assert.Equal(3, batch.Papers[1].Upvotes);
    }

    [Theory]
    [InlineData("hf-malformed.json", "line")]
    public void Malformed_JSON_is_refused_saying_where(string name, string expected) =>
        Assert.Contains(expected, Assert.Throws<PaperFormatException>(() => Hf(name)).Message);

    [Theory]
    [InlineData("{\"papers\": []}")]
    [InlineData("42")]
    public void JSON_that_is_not_an_array_is_refused(string json) =>
        Assert.Throws<PaperFormatException>(() => HuggingFaceJsonParser.Parse(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void A_weekend_is_an_empty_array_not_an_error()
    {
        var batch = Hf("hf-weekend.json");

        Assert.Empty(batch.Papers);
        Assert.Empty(batch.Errors);
    }

    [Fact]
    public void Hugging_Face_links_other_than_http_are_dropped()
    {
        var json = """[{"paper":{"id":"2403.00001","title":"T","githubRepo":"javascript:alert(1)","projectPage":"https://ok.example/p"}}]""";

        var paper = HuggingFaceJsonParser.Parse(Encoding.UTF8.GetBytes(json)).Papers.Single();

        Assert.Null(paper.GithubRepo);
        Assert.Equal("https://ok.example/p", paper.ProjectPage);
    }

    [Fact]
    public void The_arXiv_feed_yields_the_same_papers_with_versionless_ids_and_single_line_titles()
    {
        var atom = Atom("arxiv-atom.xml");
        var hf = Hf("hf-daily-papers.json");

        Assert.Equal(97, atom.Papers.Count);
        Assert.Equal(hf.Papers.Select(p => p.ArxivId), atom.Papers.Select(p => p.ArxivId));
        Assert.Equal(hf.Papers.Select(p => p.Title), atom.Papers.Select(p => p.Title));
        Assert.Equal(hf.Papers.Select(p => p.Abstract), atom.Papers.Select(p => p.Abstract));
        Assert.Equal(hf.Papers.Select(p => string.Join("|", p.Authors)), atom.Papers.Select(p => string.Join("|", p.Authors)));
    }

    [Fact]
    public void arXiv_entries_without_a_title_are_skipped_and_reported()
    {
        var batch = Atom("arxiv-hostile.xml");

        Assert.Equal(2, batch.Papers.Count);
        Assert.Contains("2403.99102", Assert.Single(batch.Errors));
        Assert.Contains("<img src=x onerror=alert(1)>", batch.Papers[0].Title);
    }

    [Fact]
    public void XML_with_a_DTD_is_refused_before_any_entity_is_expanded()
    {
        var error = Assert.Throws<PaperFormatException>(() => Atom("arxiv-xxe.xml"));

        Assert.Contains("DTD", error.Message);
        Assert.DoesNotContain("root:", error.Message);
    }

    [Fact]
    public void A_real_JSON_Lines_archive_of_arXiv_listings_reads_each_paper_once_with_its_authors()
    {
        var batch = JsonLinesParser.Parse(Fixture.Paper("real/arxiv-daily-2026-03-18.jsonl"));

        Assert.Equal(147, batch.Papers.Count); // 184 lines, 147 unique ids: cross-listed papers appear twice
        Assert.Empty(batch.Errors);
        Assert.All(batch.Papers, p =>
        {
            Assert.NotNull(p.ArxivId);
            Assert.NotEmpty(p.Title);
            Assert.NotEmpty(p.Authors);
            Assert.False(string.IsNullOrEmpty(p.Abstract));
            Assert.Equal(JsonLinesParser.SourceName, p.Source);
        });
    }

    [Fact]
    public void A_JSON_Lines_file_with_a_broken_line_is_refused_naming_the_line()
    {
        var content = Encoding.UTF8.GetBytes("{\"id\": \"2603.00001\", \"title\": \"Fine\"}\n{\"id\": \"2603.00002\", \"title\": \n");

        Assert.Contains("line 2", Assert.Throws<PaperFormatException>(() => JsonLinesParser.Parse(content)).Message);
    }

    [Fact]
    public void Truncated_XML_is_refused_saying_where() =>
        Assert.Contains("line", Assert.Throws<PaperFormatException>(() => Atom("arxiv-malformed.xml")).Message);

    [Theory]
    [InlineData("daily-papers-sample.txt", PaperFormat.Text)]
    [InlineData("hf-daily-papers.json", PaperFormat.HuggingFaceJson)]
    [InlineData("hf-weekend.json", PaperFormat.HuggingFaceJson)]
    [InlineData("arxiv-atom.xml", PaperFormat.ArxivAtom)]
    [InlineData("text-hostile.txt", PaperFormat.Text)]
    [InlineData("real/arxiv-daily-2026-03-18.jsonl", PaperFormat.JsonLines)]
    [InlineData("real/hf-daily-papers-2026-05-12.json", PaperFormat.HuggingFaceJson)]
    public void The_format_is_detected_from_the_content(string name, PaperFormat expected) =>
        Assert.Equal(expected, PaperFormats.Detect(Fixture.Paper(name)));

    [Theory]
    [InlineData("2403.08000", "2403.08000")]
    [InlineData("2403.08000v3", "2403.08000")]
    [InlineData("http://arxiv.org/abs/2403.08000v1", "2403.08000")]
    [InlineData("https://arxiv.org/pdf/2403.08000v2.pdf", "2403.08000")]
    [InlineData("cs/0112017v1", "cs/0112017")]
    [InlineData("not-an-id", null)]
    [InlineData("2403.08000; DROP TABLE papers", null)]
    public void arXiv_ids_lose_their_version_and_anything_else_is_not_an_id(string input, string? expected) =>
        Assert.Equal(expected, ArxivIds.Normalize(input));

    [Theory]
    [InlineData("Segment Anything", "segment anything")]
    [InlineData("  Segment   ANYTHING! ", "segment anything")]
    [InlineData("Self-Supervised: Learning", "self supervised learning")]
    [InlineData("ﬁne-tuning", "fine tuning")]
    public void Title_keys_ignore_case_whitespace_and_punctuation(string title, string key) =>
        Assert.Equal(key, PaperTitles.Key(title));
}
