using Newsletter.Subscriptions;

namespace Newsletter.Tests.Subscriptions;

public class KeywordRulesTests
{
    [Fact]
    public void Trims_and_removes_case_insensitive_duplicates_keeping_the_first_spelling()
    {
        var result = KeywordRules.Normalize(["  diffusion ", "SAM", "sam", "Diffusion", "mixture of experts"], out var error);

        Assert.Null(error);
        Assert.Equal(["diffusion", "SAM", "mixture of experts"], result);
    }

    [Fact]
    public void Keeps_query_syntax_as_literal_text()
    {
        var result = KeywordRules.Normalize(["\"", "NEAR(", "*", "title:", "'; DROP TABLE subscribers; --"], out var error);

        Assert.Null(error);
        Assert.Equal(5, result!.Count);
    }

    public static TheoryData<string?[]?, string> Invalid => new()
    {
        { null, "at least one" },
        { [], "at least one" },
        { ["ok", " "], "empty" },
        { ["ok", ""], "empty" },
        { ["ok", null], "empty" },
        { [new string('x', 101)], "100" },
        { ["line\r\nbreak"], "control" },
        { Enumerable.Range(0, 21).Select(i => (string?)$"k{i}").ToArray(), "20" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Refuses_invalid_lists(string?[]? keywords, string expected)
    {
        var result = KeywordRules.Normalize(keywords, out var error);

        Assert.Null(result);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Accepts_exactly_20_keywords_of_100_characters()
    {
        var keywords = Enumerable.Range(0, 20).Select(i => (string?)(i.ToString("D2") + new string('x', 98))).ToArray();
        Assert.Equal(20, KeywordRules.Normalize(keywords, out _)!.Count);
    }

    [Fact]
    public void Splits_free_text_on_commas_and_lines() =>
        Assert.Equal(["diffusion", "SAM", "mixture of experts"], KeywordRules.SplitFreeText("diffusion, SAM,\n mixture of experts,,"));
}
