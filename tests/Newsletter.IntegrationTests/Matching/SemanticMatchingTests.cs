using System.Net.Http.Json;
using System.Text.Json;
using Newsletter.IntegrationTests.Digests;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Matching;

/// <summary>
/// Two real Hugging Face days (88 papers), embedded in the background by the real model, with matching by
/// meaning on: what a concept keyword finds beyond its words, in the preview and in the digest.
/// </summary>
public sealed class SemanticWorld : IAsyncLifetime
{
    public DigestWorld World { get; private set; } = default!;

    /// <summary>arXiv id → whether it was judged on "model compression" (tests/fixtures/relevance).</summary>
    public Dictionary<string, bool> Compression { get; } = [];

    public async Task InitializeAsync()
    {
        World = await DigestWorld.StartEmptyAsync(new Dictionary<string, string?> { ["Matching:Semantic:Enabled"] = "true" });
        foreach (var file in new[] { "real/hf-daily-papers-2025-10-10.json", "real/hf-daily-papers-2026-05-12.json" })
        {
            await World.ImportAsync(Fixture.Paper(file));
        }

        await World.EmbeddedAsync(88);

        foreach (var line in File.ReadLines(Fixture.PathOf("relevance/labels.jsonl")))
        {
            var label = JsonDocument.Parse(line).RootElement;
            if (label.GetProperty("file").GetString()!.StartsWith("hf-", StringComparison.Ordinal))
            {
                Compression[label.GetProperty("id").GetString()!] =
                    label.GetProperty("relevant").EnumerateArray().Any(k => k.GetString() == "model compression");
            }
        }
    }

    public async Task DisposeAsync() => await World.DisposeAsync();
}

public class SemanticMatchingTests(SemanticWorld fixture) : IClassFixture<SemanticWorld>
{
    private async Task<List<JsonElement>> PreviewAsync(params string[] keywords)
    {
        using var client = fixture.World.App.HttpClient();
        var response = await client.PostAsJsonAsync("/api/preview", new { keywords, limit = 200, since = "2000-01-01" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("papers").EnumerateArray().ToList();
    }

    private static List<string> Strings(JsonElement paper, string name) => paper.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToList();

    [Fact]
    public async Task A_concept_keyword_finds_papers_that_never_say_it_and_says_they_are_related()
    {
        var papers = await PreviewAsync("model compression");

        var byWords = papers.Where(p => Strings(p, "matched").Count > 0).ToList();
        var byMeaning = papers.Where(p => Strings(p, "related").Contains("model compression")).ToList();
        Assert.NotEmpty(byMeaning);
        Assert.All(byMeaning, p => Assert.Empty(Strings(p, "matched")));
        var relevantFound = papers.Count(p => fixture.Compression[p.GetProperty("id").GetString()!]);
        var relevantByWords = byWords.Count(p => fixture.Compression[p.GetProperty("id").GetString()!]);
        Assert.True(relevantFound > relevantByWords, $"meaning found {relevantFound} relevant papers, words alone {relevantByWords}");
        var precision = (double)byMeaning.Count(p => fixture.Compression[p.GetProperty("id").GetString()!]) / byMeaning.Count;
        Assert.True(precision >= 0.5, $"precision of the papers matched by meaning: {precision:0.00}");
        Assert.All(byMeaning, p => Assert.False(string.IsNullOrEmpty(p.GetProperty("snippet").GetString()))); // their opening lines
    }

    [Fact]
    public async Task An_acronym_with_no_known_meaning_finds_nothing_by_meaning()
    {
        var papers = await PreviewAsync("SAM");

        Assert.All(papers, p => Assert.Empty(Strings(p, "related")));
    }

    [Fact]
    public async Task An_exclusion_still_excludes_papers_matched_by_meaning()
    {
        using var client = fixture.World.App.HttpClient();
        var all = (await client.GetFromJsonAsync<JsonElement>("/api/papers?limit=200")).GetProperty("papers").EnumerateArray()
            .ToDictionary(p => p.GetProperty("id").GetString()!, p => p.GetProperty("title").GetString() + " " + p.GetProperty("abstract").GetString());
        var related = (await PreviewAsync("model compression")).Where(p => Strings(p, "related").Count > 0).ToList();
        Assert.Contains(related, p => all[p.GetProperty("id").GetString()!].Contains("prun", StringComparison.OrdinalIgnoreCase));

        var papers = await PreviewAsync("model compression", "-pruning");

        Assert.DoesNotContain(papers, p => all[p.GetProperty("id").GetString()!].Contains("prun", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_digest_says_which_papers_are_there_by_meaning()
    {
        await fixture.World.SubscribeAsync("compress@example.org", ["model compression"]);

        await fixture.World.RunAsync(new { since = "2000-01-01" });

        var digest = Assert.Single(fixture.World.Digests()["compress@example.org"]);
        Assert.Contains("Matched: related to model compression", digest.TextBody);
        Assert.Contains("related to model compression", digest.HtmlBody);
    }
}
