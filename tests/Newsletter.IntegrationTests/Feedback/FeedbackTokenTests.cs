using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using Dapper;
using Newsletter.IntegrationTests.Infrastructure;
using Newsletter.Subscriptions;

namespace Newsletter.IntegrationTests.Feedback;

/// <summary>Feedback links take only their own token: anything else is 404 and stores nothing; and no token is ever logged.</summary>
public class FeedbackTokenTests(FeedbackWorld world) : IClassFixture<FeedbackWorld>
{
    private NewsletterApp App => world.App;

    [Fact]
    public async Task Unknown_malformed_forged_tampered_and_other_purpose_tokens_are_404_and_record_nothing()
    {
        var reader = await world.ReaderAsync("SAM");
        var (_, more, _) = reader.Papers[0];
        var token = more["/feedback/".Length..];
        var otherPaper = await world.PaperIdAsync(reader.Papers[1].Title);
        await using var connection = await App.OpenDatabaseAsync();
        var (subscriberId, nonce) = await connection.QuerySingleAsync<(long, string)>(
            "SELECT id, token_nonce FROM subscribers WHERE email = @email", new { email = reader.Email });
        var thisPaper = await world.PaperIdAsync(reader.Papers[0].Title);
        var otherKey = new SubscriberTokens(new TokenSigningKey(RandomNumberGenerator.GetBytes(32)));
        string[] refused =
        [
            "nope",
            "A",
            new string('A', 200),
            token[..10] + (token[10] == 'x' ? 'y' : 'x') + token[11..],                  // tampered
            WithPaper(token, thisPaper, otherPaper),                                          // paper A's token, paper B's id, A's MAC
            otherKey.CreateForPaper(TokenPurpose.MoreLikeThis, subscriberId, thisPaper, nonce), // forged with another key
            EmailLinks.Find(reader.Confirmation, "/manage/").Split('/').Last(),               // another purpose
            EmailLinks.Find(reader.Confirmation, "/unsubscribe/").Split('/').Last(),
        ];

        foreach (var bad in refused)
        {
            var path = $"/feedback/{bad}";
            var page = await world.GetAsync(path, "text/html");
            Assert.True(HttpStatusCode.NotFound == page.StatusCode, $"GET {bad}: {page.StatusCode}");
            Assert.Contains("This link doesn't work", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
            var problem = await world.GetAsync(path, "application/json");
            Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (problem.StatusCode, problem.Content.Headers.ContentType?.MediaType));
            foreach (var post in new[] { await world.FetchAsync(path), await world.FetchAsync(path + "/undo") })
            {
                Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (post.StatusCode, post.Content.Headers.ContentType?.MediaType));
            }

            var form = await world.SubmitAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, form.StatusCode);
            Assert.Contains("This link doesn't work", WebUtility.HtmlDecode(await form.Content.ReadAsStringAsync()));
        }

        Assert.Equal(0, await world.VotesAsync(reader.Email));
        Assert.Equal("active", await App.StatusOfAsync(reader.Email));

        Assert.Equal(HttpStatusCode.OK, (await world.FetchAsync(more)).StatusCode);
        Assert.Equal([thisPaper], await connection.QueryAsync<long>(
            "SELECT paper_id FROM votes WHERE subscriber_id = @subscriberId", new { subscriberId }));
    }

    [Fact]
    public async Task No_feedback_token_ever_reaches_the_log()
    {
        var reader = await world.ReaderAsync("SAM");
        var (_, more, less) = reader.Papers[0];
        await world.GetAsync(more, "text/html");
        await world.FetchAsync(more);
        await world.SubmitAsync(less);
        await world.SubmitAsync(less + "/undo");
        await world.GetAsync(more + "x", "text/html");
        await world.FetchAsync(less[..^2] + "xx");

        var log = string.Join("\n", App.Logs.Lines);
        Assert.NotEmpty(App.Logs.Lines);
        Assert.All(reader.Papers.SelectMany(p => new[] { p.More, p.Less }), path => Assert.DoesNotContain(path["/feedback/".Length..], log));
    }

    /// <summary>The token with its paper id replaced, its MAC kept: what someone would try to vote on another paper.</summary>
    private static string WithPaper(string token, long paperId, long otherPaperId)
    {
        var bytes = Base64Url.DecodeFromChars(token);
        var payloadLength = bytes.Length - 16;
        var paper = Varint(paperId);
        Assert.Equal(paper, bytes[(payloadLength - paper.Length)..payloadLength]);
        return Base64Url.EncodeToString([.. bytes[..(payloadLength - paper.Length)], .. Varint(otherPaperId), .. bytes[payloadLength..]]);
    }

    private static byte[] Varint(long value)
    {
        var bytes = new List<byte>();
        for (var v = (ulong)value; ; v >>= 7)
        {
            if (v < 0x80)
            {
                bytes.Add((byte)v);
                return [.. bytes];
            }

            bytes.Add((byte)(v | 0x80));
        }
    }
}
