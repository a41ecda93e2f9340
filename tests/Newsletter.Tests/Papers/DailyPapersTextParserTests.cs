using System.Text;
using Newsletter.Papers;
using Newsletter.Papers.Sources;

namespace Newsletter.Tests.Papers;

public class DailyPapersTextParserTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static PaperBatch ParseFixture(string name, DateOnly? today = null) =>
        DailyPapersTextParser.Parse(Encoding.UTF8.GetString(Fixture.Paper(name)), today ?? Today);

    [Fact]
    public void Reads_the_97_papers_of_the_sample_and_none_of_its_page_chrome()
    {
        var batch = ParseFixture("daily-papers-sample.txt");

        Assert.Equal(97, batch.Papers.Count);
        Assert.Empty(batch.Errors);
        Assert.Equal("ESimCSE: Enhanced Sample Building Method for Contrastive Learning of Unsupervised Sentence Embedding", batch.Papers[0].Title);
        Assert.StartsWith("Contrastive learning has been attracting", batch.Papers[0].Abstract);
        Assert.Equal("Hyp-OC: Hyperbolic One Class Classification for Face Anti-Spoofing", batch.Papers[^1].Title);
        Assert.DoesNotContain(batch.Papers, p => p.Title is "Subscribe" or "new" or "Mar 14" || p.Title.StartsWith("Get trending"));
        Assert.All(batch.Papers, p => Assert.True(p.Abstract!.Length > 500, p.Title));
    }

    [Theory]
    [InlineData("2026-11-25", "2026-03-14")]
    [InlineData("2026-03-14", "2026-03-14")]
    [InlineData("2026-03-13", "2025-03-14")]
    public void A_date_without_a_year_is_the_most_recent_one_not_in_the_future(string today, string expected)
    {
        var batch = ParseFixture("daily-papers-sample.txt", DateOnly.Parse(today));

        Assert.All(batch.Papers, p => Assert.Equal(DateOnly.Parse(expected), p.FeedDate));
    }

    [Fact]
    public void Feb_29_without_a_year_looks_back_to_the_last_leap_year()
    {
        var batch = DailyPapersTextParser.Parse("Feb 29\n\nA title\n\nAn abstract.\n", new DateOnly(2026, 11, 25));

        Assert.Equal(new DateOnly(2024, 2, 29), batch.Papers.Single().FeedDate);
    }

    [Fact]
    public void A_date_with_a_year_is_taken_as_written() =>
        Assert.Equal(new DateOnly(2023, 3, 14),
            DailyPapersTextParser.Parse("March 14, 2023\n\nTitle\n\nAbstract.\n", Today).Papers.Single().FeedDate);

    [Fact]
    public void Reads_CRLF_files_keeps_markup_as_text_and_keeps_a_last_title_without_abstract()
    {
        var batch = ParseFixture("text-hostile.txt");

        Assert.Equal(3, batch.Papers.Count);
        Assert.Contains("<img src=x onerror=alert(1)>", batch.Papers[0].Title);
        Assert.DoesNotContain('\r', batch.Papers[1].Abstract);
        Assert.Equal("", batch.Papers[2].Abstract);
    }

    [Fact]
    public void A_listing_without_chrome_starts_at_its_date_line()
    {
        var batch = ParseFixture("text-no-chrome.txt");

        Assert.Equal(2, batch.Papers.Count);
        Assert.Equal(new DateOnly(2026, 3, 15), batch.Papers[0].FeedDate);
    }

    [Fact]
    public void Text_without_a_date_line_is_refused_saying_why()
    {
        var error = Assert.Throws<PaperFormatException>(() => DailyPapersTextParser.Parse("just\n\nsome\n\ntext", Today));

        Assert.Contains("date line", error.Message);
    }

    [Fact]
    public void A_missing_abstract_in_the_middle_does_not_shift_the_papers_after_it()
    {
        var text = "Mar 14\n\nFirst Title\n\nSecond Title Without Abstract\n\nThird Title\n\n" + new string('x', 300) + " done.\n";

        var batch = DailyPapersTextParser.Parse(text, Today);

        Assert.Equal(["First Title", "Second Title Without Abstract", "Third Title"], batch.Papers.Select(p => p.Title));
        Assert.Equal("", batch.Papers[0].Abstract);
        Assert.Equal("", batch.Papers[1].Abstract);
        Assert.EndsWith("done.", batch.Papers[2].Abstract);
    }
}
