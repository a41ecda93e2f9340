using System.Text.RegularExpressions;

namespace Newsletter.Tests.Matching;

/// <summary>What a subscriber means by a keyword, checked against the 97 sample papers.</summary>
public class KeywordSemanticsTests(SamplePapersFixture papers) : IClassFixture<SamplePapersFixture>
{

    [Fact]
    public async Task SAM_finds_the_Segment_Anything_papers_and_nothing_that_only_says_same_or_sample()
    {
        var all = await papers.AllAsync();
        Assert.Equal(48, all.Count(p => (p.Title + " " + p.Abstract).Contains("sam", StringComparison.OrdinalIgnoreCase)));

        var titles = await papers.TitlesAsync("SAM");

        Assert.Equal(Fixture.SegmentAnythingTitles.Order(), titles.Order());
    }

    [Theory]
    [InlineData("TinySAM")]
    [InlineData("MobileSAMv2")]
    [InlineData("SAM-UNet")]
    [InlineData("ESP-MedSAM")]
    [InlineData("SAM 2")]
    [InlineData("SqueezeSAM")]
    public async Task SAM_matches_where_it_stands_inside_a_compound(string titleStart)
    {
        var titles = await papers.TitlesAsync("SAM");

        Assert.Contains(titles, t => t.StartsWith(titleStart, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_acronym_never_matches_words_that_merely_contain_it()
    {
        foreach (var title in await papers.TitlesAsync("sam"))
        {
            var (_, text) = (await papers.AllAsync()).Select(p => (p.Title, p.Title + " " + p.Abstract)).Single(p => p.Title == title);
            Assert.Matches(new Regex(@"SAM|Segment Anything|segment anything", RegexOptions.None), text);
        }

        Assert.Empty(await papers.TitlesAsync("Sham"));
    }

    [Fact]
    public async Task Matching_ignores_case_and_understands_word_forms()
    {
        var all = await papers.AllAsync();
        var pruningOnly = all.Where(p => Regex.IsMatch(p.Title + p.Abstract, @"\bprun(ed|e)\b", RegexOptions.IgnoreCase)
                                         && !Regex.IsMatch(p.Title + p.Abstract, @"\bpruning\b", RegexOptions.IgnoreCase)).ToList();

        var titles = await papers.TitlesAsync("pruning");

        Assert.NotEmpty(titles);
        Assert.All(pruningOnly, p => Assert.Contains(p.Title, titles));
        Assert.Equal(titles.Order(), (await papers.TitlesAsync("PRUNED")).Order());
    }

    [Theory]
    [InlineData("self-supervised", "self supervised", "Self-Supervised")]
    [InlineData("super-resolution", "super resolution", "Super-Resolution")]
    public async Task A_phrase_ignores_hyphens_spaces_and_case(string a, string b, string c)
    {
        var first = await papers.TitlesAsync(a);

        Assert.NotEmpty(first);
        Assert.Equal(first.Order(), (await papers.TitlesAsync(b)).Order());
        Assert.Equal(first.Order(), (await papers.TitlesAsync(c)).Order());
    }

    [Fact]
    public async Task A_phrase_needs_its_words_together()
    {
        var all = await papers.AllAsync();
        var apart = all.Where(p => (p.Title + p.Abstract).Contains("language", StringComparison.OrdinalIgnoreCase)
                                   && (p.Title + p.Abstract).Contains("vision", StringComparison.OrdinalIgnoreCase)
                                   && !Regex.IsMatch(p.Title + " " + p.Abstract, @"vision[\s-]+language", RegexOptions.IgnoreCase)).ToList();

        var titles = await papers.TitlesAsync("vision language");

        Assert.All(apart, p => Assert.DoesNotContain(p.Title, titles));
    }

    [Fact]
    public async Task MoE_and_mixture_of_experts_match_each_other_as_the_papers_define_them()
    {
        var all = await papers.AllAsync();
        var spelledOut = all.Where(p => Regex.IsMatch(p.Title + " " + p.Abstract, @"mixture[\s-]of[\s-]experts", RegexOptions.IgnoreCase)).Select(p => p.Title).ToList();
        var acronym = all.Where(p => Regex.IsMatch(p.Title + " " + p.Abstract, @"\bMoEs?\b")).Select(p => p.Title).ToList();
        Assert.NotEmpty(spelledOut);

        var moe = await papers.TitlesAsync("MoE");
        var mixture = await papers.TitlesAsync("mixture of experts");

        Assert.Equal(moe.Order(), mixture.Order());
        Assert.All(spelledOut.Concat(acronym), t => Assert.Contains(t, moe));
        Assert.Equal(moe.Order(), (await papers.TitlesAsync("Mixture-of-Experts")).Order());
    }

    [Fact]
    public async Task LLM_matches_large_language_models()
    {
        var all = await papers.AllAsync();
        var spelledOnly = all.Where(p => Regex.IsMatch(p.Title + " " + p.Abstract, @"large language models?", RegexOptions.IgnoreCase)
                                         && !Regex.IsMatch(p.Title + " " + p.Abstract, @"\bLLMs?\b")).Select(p => p.Title).ToList();

        var llm = await papers.TitlesAsync("LLM");

        Assert.NotEmpty(llm);
        Assert.All(spelledOnly, t => Assert.Contains(t, llm));
        Assert.Equal(llm.Order(), (await papers.TitlesAsync("large language models")).Order());
    }

    [Fact]
    public async Task Configured_synonyms_match_both_ways()
    {
        var synonyms = new Dictionary<string, string[]> { ["ViT"] = ["vision transformer"] };

        var vit = await papers.TitlesAsync(["ViT"], synonyms);
        var spelled = await papers.TitlesAsync(["vision transformer"], synonyms);
        var plain = await papers.TitlesAsync("vision transformer");

        Assert.Equal(vit.Order(), spelled.Order());
        Assert.True(vit.Count >= plain.Count);
    }

    [Fact]
    public async Task A_minus_keyword_excludes_the_papers_that_contain_it()
    {
        // The sample has no survey; "-medical" exercises the same rule.
        var all = await papers.AllAsync();
        var medical = all.Where(p => Regex.IsMatch(p.Title + " " + p.Abstract, @"\bmedical", RegexOptions.IgnoreCase)).Select(p => p.Title).ToList();
        var withMedical = await papers.TitlesAsync("SAM");
        Assert.Contains(withMedical, medical.Contains);

        var without = await papers.TitlesAsync("SAM", "-medical");

        Assert.NotEmpty(without);
        Assert.DoesNotContain(without, medical.Contains);
        Assert.Equal(withMedical.Except(medical).Order(), without.Order());
        Assert.Empty(await papers.TitlesAsync("-medical")); // exclusions alone select nothing
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData("NEAR(")]
    [InlineData("title:")]
    [InlineData("'; DROP TABLE papers; --")]
    [InlineData("AND")]
    [InlineData("OR")]
    [InlineData("NOT")]
    [InlineData("diffusion*")]
    [InlineData("\"diffusion")]
    [InlineData("{title}: diffusion")]
    [InlineData("^diffusion")]
    [InlineData("diffusion + (")]
    public async Task Query_syntax_in_a_keyword_is_literal_text_and_never_errors(string keyword)
    {
        var titles = await papers.TitlesAsync(keyword);
        var literalWords = string.Join(' ', Regex.Matches(keyword, @"[\p{L}\p{N}]+").Select(m => m.Value));

        var expected = literalWords.Length == 0 ? [] : await papers.TitlesAsync(literalWords);
        Assert.Equal(expected.Order(), titles.Order());
        Assert.Equal(97, (await papers.AllAsync()).Count);
    }

    [Fact]
    public async Task More_matched_keywords_rank_higher_then_title_matches()
    {
        var titles = await papers.TitlesAsync("SAM", "mobile");

        // Both keywords in the title, then both anywhere, then one keyword (title first).
        Assert.Equal(
            ["Faster Segment Anything: Towards Lightweight SAM for Mobile Applications", "MobileSAMv2: Faster Segment Anything to Everything", "SqueezeSAM: User friendly mobile interactive segmentation"],
            titles.Take(3).Order());
        var sam = await papers.TitlesAsync("SAM");
        var mobile = await papers.TitlesAsync("mobile");
        var bothCount = sam.Intersect(mobile).Count();
        Assert.All(titles.Take(bothCount), t => Assert.True(sam.Contains(t) && mobile.Contains(t), t));
        Assert.All(titles.Skip(bothCount), t => Assert.False(sam.Contains(t) && mobile.Contains(t), t));
    }
}
