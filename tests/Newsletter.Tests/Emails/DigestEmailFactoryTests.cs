using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Newsletter.Digests;
using Newsletter.Emails;
using Newsletter.Matching;
using Newsletter.Papers;
using Newsletter.Subscriptions;
using Newsletter.Templates;

namespace Newsletter.Tests.Emails;

/// <summary>Digest models built for a batch of emails, with papers kept across emails: the same as one by one, and never stale.</summary>
public class DigestEmailFactoryTests : IAsyncLifetime
{
    private TestDatabase test = default!;
    private long runId;

    public async Task InitializeAsync()
    {
        test = await TestDatabase.CreateAsync();
        await new PaperImporter(new PaperStore(test.Database, TimeProvider.System), TimeProvider.System)
            .ImportAsync(Fixture.Paper("daily-papers-sample.txt"), PaperFormat.Text);
        await using var connection = await test.Database.OpenAsync();
        runId = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO digest_runs (kind, window_end, created_at) VALUES ('manual', @now, @now) RETURNING id", new { now = DateTime.UtcNow });
    }

    public Task DisposeAsync()
    {
        test.Dispose();
        return Task.CompletedTask;
    }

    private readonly SubscriberTokens tokens = new(new TokenSigningKey(RandomNumberGenerator.GetBytes(32)));

    private DigestEmailFactory Factory() =>
        new(Newsletter.Tests.Matching.WordsOnly.Matcher(),
            new PublicUrls(Options.Create(new NewsletterOptions { PublicBaseUrl = "https://x.test" }), tokens), TimeProvider.System);

    private async Task<long> PaperAsync(string titlePart)
    {
        await using var connection = await test.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM papers WHERE title LIKE @like", new { like = $"%{titlePart}%" });
    }

    /// <summary>An active subscriber and a stored digest of <paramref name="papers"/>, each with the keywords that matched it.</summary>
    private async Task<DigestEmailFactory.Request> DigestAsync(string email, string[] keywords, params (long Id, string[] Matched)[] papers)
    {
        await using var connection = await test.Database.OpenAsync();
        var now = DateTime.UtcNow;
        var subscriberId = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO subscribers (email, email_normalized, status, cadence, send_hour, time_zone, token_nonce, created_at, updated_at, confirmed_at)
            VALUES (@email, @email, 'active', 'daily', 7, 'UTC', 'nonce', @now, @now, @now) RETURNING id
            """, new { email, now });
        for (var i = 0; i < keywords.Length; i++)
        {
            await connection.ExecuteAsync("INSERT INTO subscriber_keywords (subscriber_id, position, keyword) VALUES (@subscriberId, @i, @keyword)",
                new { subscriberId, i, keyword = keywords[i] });
        }

        var entries = papers.Select(p => new DigestPaper(p.Id, 100, p.Matched)).ToList();
        var digestId = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO digests (run_id, subscriber_id, window_start, window_end, local_date, paper_count, papers, created_at)
            VALUES (@runId, @subscriberId, @now, @now, '2024-03-14', @count, @papers, @now) RETURNING id
            """, new { runId, subscriberId, now, count = entries.Count, papers = JsonSerializer.Serialize(entries, DigestWriter.Json) });
        var subscriber = (await new SubscriberStore().GetAsync(connection, subscriberId))!;
        return new DigestEmailFactory.Request(digestId, subscriber, new EmailFooter("Because.", "https://x.test/manage", "https://x.test/unsubscribe"));
    }

    [Fact]
    public async Task A_batch_builds_what_one_by_one_builds_and_marks_each_paper_with_the_keywords_that_matched_it()
    {
        var medSam = await PaperAsync("ESP-MedSAM");
        var other = await PaperAsync("Vision Foundation Models");
        var sam = await DigestAsync("sam@example.org", ["SAM"], (medSam, ["SAM"]));
        var both = await DigestAsync("both@example.org", ["segmentation", "SAM"], (medSam, ["SAM"]), (other, ["segmentation"]));

        await using var connection = await test.Database.OpenAsync();
        var batch = await Factory().CreateAsync(connection, [sam, both]);
        var alone = (await Factory().CreateAsync(connection, [both]))[both.DigestId];

        static object Shown(DigestEmailPaper p) => (p.Title, p.Url, p.Authors, p.SnippetHtml, p.SnippetText, string.Join(", ", p.Matched));
        Assert.Equal(alone.Papers.Select(Shown), batch[both.DigestId].Papers.Select(Shown));
        Assert.Equal(alone.Subject, batch[both.DigestId].Subject);
        Assert.Equal(Shown(batch[sam.DigestId].Papers[0]), Shown(batch[both.DigestId].Papers[0]));
        Assert.Contains("<mark>SAM</mark>", batch[sam.DigestId].Papers[0].SnippetHtml);
        Assert.Contains("<mark>", batch[both.DigestId].Papers[1].SnippetHtml);
        Assert.DoesNotContain("<mark>SAM</mark>", batch[both.DigestId].Papers[1].SnippetHtml);
    }

    [Fact]
    public async Task A_paper_that_changed_is_shown_as_it_is_now_and_one_that_is_gone_not_at_all()
    {
        var medSam = await PaperAsync("ESP-MedSAM");
        var other = await PaperAsync("Vision Foundation Models");
        var request = await DigestAsync("sam@example.org", ["SAM", "segmentation"], (medSam, ["SAM"]), (other, ["segmentation"]));
        var factory = Factory();
        await using var connection = await test.Database.OpenAsync();
        await factory.CreateAsync(connection, [request]);

        await connection.ExecuteAsync("UPDATE papers SET title = 'ESP-MedSAM, revised', updated_at = @later WHERE id = @medSam",
            new { medSam, later = DateTime.UtcNow.AddMinutes(1) });
        await connection.ExecuteAsync("DELETE FROM papers WHERE id = @other", new { other });
        var again = (await factory.CreateAsync(connection, [request]))[request.DigestId];

        Assert.Equal(["ESP-MedSAM, revised"], again.Papers.Select(p => p.Title));
        Assert.StartsWith("1 new paper on SAM · ", again.Subject);
    }

    [Fact]
    public async Task A_paper_shared_through_the_cache_carries_each_subscribers_own_feedback_links()
    {
        var medSam = await PaperAsync("ESP-MedSAM");
        var first = await DigestAsync("first@example.org", ["SAM"], (medSam, ["SAM"]));
        var second = await DigestAsync("second@example.org", ["SAM"], (medSam, ["SAM"]));
        var factory = Factory();
        await using var connection = await test.Database.OpenAsync();

        var firstPaper = (await factory.CreateAsync(connection, [first]))[first.DigestId].Papers.Single();
        var secondPaper = (await factory.CreateAsync(connection, [second]))[second.DigestId].Papers.Single(); // from the cache
        var firstAgain = (await factory.CreateAsync(connection, [first]))[first.DigestId].Papers.Single();

        foreach (var (paper, request) in new[] { (firstPaper, first), (secondPaper, second), (firstAgain, first) })
        {
            foreach (var (url, purpose) in new[] { (paper.MoreUrl!, TokenPurpose.MoreLikeThis), (paper.LessUrl!, TokenPurpose.LessLikeThis) })
            {
                Assert.StartsWith("https://x.test/feedback/", url);
                var token = url["https://x.test/feedback/".Length..];
                Assert.True(SubscriberTokens.TryReadForPaper(token, out var readPurpose, out var subscriberId, out var paperId));
                Assert.Equal((purpose, request.Subscriber.Id, medSam), (readPurpose, subscriberId, paperId));
                Assert.True(tokens.VerifyForPaper(token, request.Subscriber.Id, request.Subscriber.TokenNonce));
            }
        }

        Assert.NotEqual(firstPaper.MoreUrl, secondPaper.MoreUrl);
        Assert.Equal(firstPaper.MoreUrl, firstAgain.MoreUrl);
        Assert.Equal(firstPaper.SnippetHtml, secondPaper.SnippetHtml);
    }
}
