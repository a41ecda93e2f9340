using System.Text.RegularExpressions;
using Newsletter.IntegrationTests.Digests;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Taste;

/// <summary>
/// Votes change the next digest: a reader of "diffusion" who asked for more of a unified image-editing paper gets,
/// in the next digest, a "Related to papers you liked" section with a paper that matches no keyword (a unified
/// video model) — and a reader whose votes do not count, or who never voted, gets no such section.
/// </summary>
public partial class LearningFromVotesTests
{
    private const string Liked = "InstructX: Towards Unified Visual Editing with MLLM Guidance";
    private const string Near = "UniVideo: Unified Understanding, Generation, and Editing for Videos";

    [Fact]
    public async Task After_a_more_like_this_the_next_digest_brings_related_papers_that_match_no_keyword()
    {
        await using var world = await DigestWorld.StartEmptyAsync(new Dictionary<string, string?> { ["Matching:Semantic:Enabled"] = "true" });
        await world.ImportAsync(Fixture.Paper("real/hf-daily-papers-2025-10-10.json"));
        await world.EmbeddedAsync(38);
        await world.SubscribeAsync("voter@example.org", ["diffusion"]);
        await world.SubscribeAsync("silent@example.org", ["diffusion"]);
        await world.RunAsync(new { since = "2000-01-01" });
        var first = world.Digests()["voter@example.org"].Single();
        Assert.Contains(Liked, DigestWorld.Titles(first));
        Assert.DoesNotContain(Near, DigestWorld.Titles(first)); // it says nothing of diffusion

        (await PostAsync(world, MoreLink(first, Liked))).EnsureSuccessStatusCode();

        await world.ImportAsync(Fixture.Paper("real/hf-daily-papers-2026-05-12.json"));
        await world.EmbeddedAsync(88);
        await world.RunAsync(new { since = "2000-01-01" });

        var next = world.Digests()["voter@example.org"][1];
        var section = next.TextBody![next.TextBody.IndexOf("Related to papers you liked", StringComparison.Ordinal)..];
        Assert.Contains(Near, section);
        Assert.Contains("Why: like papers you liked", section);
        Assert.DoesNotContain(Liked, next.TextBody); // never a paper already sent
        Assert.Contains("Related to papers you liked", next.HtmlBody);
        var silent = world.Digests()["silent@example.org"][1];
        Assert.DoesNotContain("Related to papers you liked", silent.TextBody);
    }

    private static async Task<HttpResponseMessage> PostAsync(DigestWorld world, string path)
    {
        using var client = world.App.HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Accept.ParseAdd("application/json");
        return await client.SendAsync(request);
    }

    /// <summary>The "More like this" path of the paper with this title, from the digest's text part.</summary>
    private static string MoreLink(MimeKit.MimeMessage digest, string title)
    {
        var text = digest.TextBody!;
        var start = text.IndexOf(title, StringComparison.Ordinal);
        return NewsletterApp.PathOf(MoreLine().Match(text, start).Groups[1].Value);
    }

    [GeneratedRegex(@"More like this: (\S+)")]
    private static partial Regex MoreLine();
}
