using Newsletter.Matching;

namespace Newsletter.Tests.Matching;

public class KeywordSuggestionsTests(SamplePapersFixture sample) : IClassFixture<SamplePapersFixture>
{
    [Fact]
    public async Task The_sample_papers_suggest_recurring_phrases_and_acronyms_each_of_which_matches_at_least_two_papers()
    {
        var suggestions = await new KeywordSuggestions(sample.Test.Database).SuggestAsync(16);

        Assert.Equal(16, suggestions.Count);
        Assert.Contains("SAM", suggestions);
        Assert.Contains("mixture of experts", suggestions);
        Assert.Contains("segment anything", suggestions);
        foreach (var suggestion in suggestions)
        {
            Assert.True((await sample.TitlesAsync(suggestion)).Count >= 2, $"\"{suggestion}\" matches fewer than two papers");
        }
    }

    [Fact]
    public void A_term_in_one_paper_only_or_a_common_word_is_never_suggested()
    {
        var suggestions = KeywordSuggestions.Rank(
        [
            ("Towards Efficient Models for Diffusion", []),
            ("Learning Diffusion Models with Guidance", ["Classifier-free guidance"]),
            ("A Single Paper About Quasicrystals", []),
        ], 10);

        Assert.Contains("diffusion", suggestions);
        Assert.DoesNotContain("quasicrystals", suggestions);
        Assert.DoesNotContain(suggestions, s => s is "models" or "towards" or "efficient" or "learning");
    }

    [Fact]
    public void A_phrase_wins_over_the_words_inside_it_seen_as_often_and_keeps_its_hyphen()
    {
        var suggestions = KeywordSuggestions.Rank(
        [
            ("Fast Super-Resolution of Faces", []),
            ("Super-Resolution for Satellites", []),
            ("Sparse Mixture of Experts at Scale", ["MoE"]),
            ("Routing in Mixture of Experts", ["MoE"]),
        ], 10);

        Assert.Contains("super-resolution", suggestions);
        Assert.Contains("mixture of experts", suggestions);
        Assert.Contains("MoE", suggestions);
        Assert.DoesNotContain("experts", suggestions);
        Assert.DoesNotContain("super", suggestions);
    }
}
