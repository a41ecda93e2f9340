using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsletter.Delivery;
using Newsletter.Feedback;
using Newsletter.Papers;
using Newsletter.Privacy;
using Newsletter.Subscriptions;

namespace Newsletter.Tests.Feedback;

public sealed class FeedbackServiceTestsOnSqlite() : FeedbackServiceTests("sqlite");

public sealed class FeedbackServiceTestsOnPostgres() : FeedbackServiceTests("postgres");

/// <summary>Votes from feedback tokens on a real database: idempotent, replaced, undone, refused, and erased with their subscriber.</summary>
public abstract class FeedbackServiceTests(string dialect) : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly SubscriberTokens tokens = new(new TokenSigningKey(RandomNumberGenerator.GetBytes(32)));
    private TestDatabase test = default!;
    private SubscriptionService subscriptions = default!;
    private FeedbackService feedback = default!;

    public async Task InitializeAsync()
    {
        test = await TestDatabase.CreateAsync(dialect);
        await new PaperImporter(new PaperStore(test.Database, clock), clock).ImportAsync(Fixture.Paper("daily-papers-sample.txt"), PaperFormat.Text);
        subscriptions = new SubscriptionService(test.Database, new SubscriberStore(), new OutboxStore(test.Database), tokens,
            new SuppressionList(new TokenSigningKey(RandomNumberGenerator.GetBytes(32))), new DeliverySignal(), Options.Create(new NewsletterOptions()), clock);
        feedback = new FeedbackService(test.Database, new SubscriberStore(), new VoteStore(), tokens, clock);
    }

    public Task DisposeAsync()
    {
        test.Dispose();
        return Task.CompletedTask;
    }

    private async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await test.Database.OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    private Task<long> VotesAsync() => ScalarAsync<long>("SELECT COUNT(*) FROM votes");

    private Task<long> PaperAsync(string titlePart) => ScalarAsync<long>("SELECT id FROM papers WHERE title LIKE @like", new { like = $"%{titlePart}%" });

    private async Task<Subscriber> SubscriberAsync(string email)
    {
        await subscriptions.SubscribeAsync(email, new SubscriptionPreferences(["SAM"], "daily", 7, "UTC"));
        var id = await ScalarAsync<long>("SELECT id FROM subscribers WHERE email = @email", new { email });
        await using var connection = await test.Database.OpenAsync();
        return (await new SubscriberStore().GetAsync(connection, id))!;
    }

    [Fact]
    public async Task A_vote_is_recorded_once_replaced_by_the_opposite_direction_and_undone()
    {
        var reader = await SubscriberAsync("reader@example.org");
        var paper = await PaperAsync("TinySAM");
        var more = feedback.TokenFor(reader, paper, VoteDirection.More);
        var less = feedback.TokenFor(reader, paper, VoteDirection.Less);

        var opened = await feedback.OpenAsync(more);
        Assert.Equal((paper, VoteDirection.More, false), (opened!.Paper.Id, opened.Direction, opened.IsRecorded));
        Assert.Contains("TinySAM", opened.Paper.Title);
        Assert.Equal(0, await VotesAsync());

        var first = await feedback.RecordAsync(more);
        var firstAt = first!.Current!.At;
        clock.Advance(TimeSpan.FromMinutes(5));
        var again = await feedback.RecordAsync(more);
        Assert.True(again!.IsRecorded);
        Assert.Equal(firstAt, again.Current!.At);
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddMinutes(-5), firstAt);
        Assert.Equal(1, await VotesAsync());

        var replaced = await feedback.RecordAsync(less);
        Assert.Equal((VoteDirection.Less, clock.GetUtcNow().UtcDateTime), (replaced!.Current!.Direction, replaced.Current.At));
        Assert.Equal("less", await ScalarAsync<string>("SELECT vote FROM votes"));
        Assert.Equal(1, await VotesAsync());

        var undoneMore = await feedback.UndoAsync(more);  // "more" is no longer the vote: the "less" vote stays
        Assert.Equal(VoteDirection.Less, undoneMore!.Current!.Direction);
        Assert.Equal(1, await VotesAsync());
        Assert.Null((await feedback.UndoAsync(less))!.Current);
        Assert.Null((await feedback.UndoAsync(less))!.Current);
        Assert.Equal(0, await VotesAsync());
    }

    [Fact]
    public async Task A_token_names_one_subscriber_and_one_paper_and_dies_with_a_rotated_nonce_or_a_deleted_paper()
    {
        var reader = await SubscriberAsync("reader@example.org");
        var other = await SubscriberAsync("other@example.org");
        var paper = await PaperAsync("TinySAM");
        var token = feedback.TokenFor(reader, paper, VoteDirection.More);
        var manage = tokens.Create(TokenPurpose.Manage, reader.Id, reader.TokenNonce);
        var forged = new SubscriberTokens(new TokenSigningKey(RandomNumberGenerator.GetBytes(32))).CreateForPaper(TokenPurpose.MoreLikeThis, reader.Id, paper, reader.TokenNonce);

        foreach (var refused in new[] { manage, forged, token[..^1] + (token[^1] == 'A' ? 'B' : 'A'), "", "not-a-token" })
        {
            Assert.Null(await feedback.OpenAsync(refused));
            Assert.Null(await feedback.RecordAsync(refused));
            Assert.Null(await feedback.UndoAsync(refused));
        }

        Assert.Equal(reader.Id, (await feedback.RecordAsync(token))!.Subscriber.Id);
        Assert.Equal(0, await ScalarAsync<long>("SELECT COUNT(*) FROM votes WHERE subscriber_id = @id", new { id = other.Id }));

        await using (var connection = await test.Database.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE subscribers SET token_nonce = 'rotated' WHERE id = @id", new { id = reader.Id });
        }

        Assert.Null(await feedback.RecordAsync(token));
        var fresh = feedback.TokenFor(reader with { TokenNonce = "rotated" }, paper, VoteDirection.Less);
        Assert.NotNull(await feedback.OpenAsync(fresh));
        await using (var connection = await test.Database.OpenAsync())
        {
            await connection.ExecuteAsync("DELETE FROM papers WHERE id = @paper", new { paper });
        }

        Assert.Null(await feedback.OpenAsync(fresh));
        Assert.Equal(0, await VotesAsync()); // the paper's votes went with it
    }

    [Fact]
    public async Task Liked_papers_are_the_more_votes_newest_first_and_undo_from_the_manage_page_removes_one()
    {
        var reader = await SubscriberAsync("reader@example.org");
        var (tiny, slim, mobile) = (await PaperAsync("TinySAM"), await PaperAsync("Segment Anything Slim"), await PaperAsync("MobileSAMv2"));
        await feedback.RecordAsync(feedback.TokenFor(reader, tiny, VoteDirection.More));
        clock.Advance(TimeSpan.FromMinutes(1));
        await feedback.RecordAsync(feedback.TokenFor(reader, slim, VoteDirection.Less));
        clock.Advance(TimeSpan.FromMinutes(1));
        await feedback.RecordAsync(feedback.TokenFor(reader, mobile, VoteDirection.More));

        var liked = await feedback.LikedAsync(reader, 50);
        Assert.Equal([mobile, tiny], liked.Select(v => v.Paper.Id));
        Assert.All(liked, v => Assert.StartsWith("https://", v.Paper.Url));

        Assert.False(await feedback.UndoAsync(reader, slim, VoteDirection.More)); // a "less" vote is not a liked paper
        Assert.True(await feedback.UndoAsync(reader, mobile, VoteDirection.More));
        Assert.False(await feedback.UndoAsync(reader, mobile, VoteDirection.More));
        Assert.Equal([tiny], (await feedback.LikedAsync(reader, 50)).Select(v => v.Paper.Id));
        Assert.Equal(2, await VotesAsync());
    }

    [Fact]
    public async Task Votes_are_erased_with_their_subscriber_whether_deleted_or_purged_after_unsubscribing()
    {
        var deleted = await SubscriberAsync("deleted@example.org");
        var purged = await SubscriberAsync("purged@example.org");
        var stays = await SubscriberAsync("stays@example.org");
        var paper = await PaperAsync("TinySAM");
        foreach (var reader in new[] { deleted, purged, stays })
        {
            await feedback.RecordAsync(feedback.TokenFor(reader, paper, VoteDirection.More));
        }

        Assert.True(await subscriptions.DeleteAsync(deleted.Id));
        await subscriptions.UnsubscribeAsync(tokens.Create(TokenPurpose.Unsubscribe, purged.Id, purged.TokenNonce), TokenPurpose.Unsubscribe);
        clock.Advance(TimeSpan.FromDays(31));
        var purge = new UnsubscribedPurgeJob(test.Database, new SuppressionList(new TokenSigningKey(RandomNumberGenerator.GetBytes(32))),
            Options.Create(new PrivacyOptions { RetainUnsubscribedDays = 30 }), clock, NullLogger<UnsubscribedPurgeJob>.Instance);
        Assert.Equal(1, await purge.RunAsync(CancellationToken.None));

        Assert.Equal(1, await VotesAsync());
        Assert.Equal(stays.Id, await ScalarAsync<long>("SELECT subscriber_id FROM votes"));
    }

    [Fact]
    public async Task Learning_from_votes_is_on_by_default_and_only_the_manage_page_changes_it()
    {
        var reader = await SubscriberAsync("reader@example.org");
        Assert.True(reader.LearnFromVotes);
        var manage = tokens.Create(TokenPurpose.Manage, reader.Id, reader.TokenNonce);

        var off = await subscriptions.UpdatePreferencesAsync(manage, new SubscriptionPreferences(["SAM"], "weekly", 7, "UTC", LearnFromVotes: false));
        Assert.False(off!.LearnFromVotes);
        var unchanged = await subscriptions.UpdatePreferencesAsync(manage, new SubscriptionPreferences(["SAM"], "daily", 7, "UTC"));
        Assert.False(unchanged!.LearnFromVotes);
        await subscriptions.SubscribeAsync("reader@example.org", new SubscriptionPreferences(["MoE"], "daily", 7, "UTC"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT learn_from_votes FROM subscribers WHERE id = @id", new { id = reader.Id }));
        var on = await subscriptions.UpdatePreferencesAsync(manage, new SubscriptionPreferences(["SAM"], "daily", 7, "UTC", LearnFromVotes: true));
        Assert.True(on!.LearnFromVotes);
    }
}
