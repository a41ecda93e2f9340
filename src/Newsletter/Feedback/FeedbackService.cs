using System.Data.Common;
using Newsletter.Data;
using Newsletter.Subscriptions;

namespace Newsletter.Feedback;

/// <summary>
/// "More like this" / "Less like this": what a feedback link names, recording and undoing its vote, and the
/// votes a subscriber sees on their manage page. A link's token is its only credential: it names one subscriber,
/// one paper and one direction, signed like every other link (<see cref="SubscriberTokens.CreateForPaper"/>), so
/// rotating the subscriber's nonce revokes it. Every method answers null or false for a token that is unknown,
/// malformed, forged, of another purpose, or whose subscriber or paper is gone; and never stores anything then.
/// Recording and undoing are idempotent. Nothing here ranks digests: it stores what people said.
/// </summary>
public sealed class FeedbackService(IDatabase database, SubscriberStore subscribers, VoteStore votes, SubscriberTokens tokens, TimeProvider clock)
{
    /// <summary>What a feedback link names and the vote currently stored for its paper; records nothing.</summary>
    public async Task<FeedbackLink?> OpenAsync(string token, CancellationToken cancellationToken = default)
    {
        if (Read(token) is not { } claim)
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        return await LinkAsync(connection, null, token, claim);
    }

    /// <summary>Records the link's vote (the same vote again changes nothing; the opposite one is replaced) and returns the link with it.</summary>
    public Task<FeedbackLink?> RecordAsync(string token, CancellationToken cancellationToken = default) =>
        ChangeAsync(token, async (connection, transaction, link) => link with
        {
            Current = await votes.RecordAsync(connection, transaction, link.Subscriber.Id, link.Paper.Id, link.Direction, clock.GetUtcNow().UtcDateTime),
        }, cancellationToken);

    /// <summary>Removes the link's vote, if that is the one stored (a vote in the other direction stays); returns the link as it is now.</summary>
    public Task<FeedbackLink?> UndoAsync(string token, CancellationToken cancellationToken = default) =>
        ChangeAsync(token, async (connection, transaction, link) =>
            await votes.RemoveAsync(connection, transaction, link.Subscriber.Id, link.Paper.Id, link.Direction) ? link with { Current = null } : link,
            cancellationToken);

    /// <summary>The papers <paramref name="subscriber"/> asked for more of, newest vote first.</summary>
    public async Task<IReadOnlyList<VotedPaper>> LikedAsync(Subscriber subscriber, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await votes.ListAsync(connection, subscriber.Id, VoteDirection.More, limit);
    }

    /// <summary>Removes <paramref name="subscriber"/>'s vote on a paper if it is in <paramref name="direction"/>. Idempotent.</summary>
    public async Task<bool> UndoAsync(Subscriber subscriber, long paperId, VoteDirection direction, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await votes.RemoveAsync(connection, null, subscriber.Id, paperId, direction);
    }

    /// <summary>The token of <paramref name="subscriber"/>'s link voting <paramref name="direction"/> on a paper: stable, so every email and page carries the same one.</summary>
    public string TokenFor(Subscriber subscriber, long paperId, VoteDirection direction) =>
        tokens.CreateForPaper(PurposeOf(direction), subscriber.Id, paperId, subscriber.TokenNonce);

    private static TokenPurpose PurposeOf(VoteDirection direction) =>
        direction == VoteDirection.More ? TokenPurpose.MoreLikeThis : TokenPurpose.LessLikeThis;

    /// <summary>What a token claims, not trusted until <see cref="LinkAsync"/> verifies it.</summary>
    private readonly record struct Claim(long SubscriberId, long PaperId, VoteDirection Direction);

    private static Claim? Read(string token) =>
        SubscriberTokens.TryReadForPaper(token, out var purpose, out var subscriberId, out var paperId)
            ? new Claim(subscriberId, paperId, purpose == TokenPurpose.MoreLikeThis ? VoteDirection.More : VoteDirection.Less)
            : null;

    /// <summary>The link, once its token verifies against the subscriber's nonce and its paper still exists.</summary>
    private async Task<FeedbackLink?> LinkAsync(DbConnection connection, DbTransaction? transaction, string token, Claim claim)
    {
        var subscriber = await subscribers.GetAsync(connection, claim.SubscriberId, transaction);
        if (subscriber is null || !tokens.VerifyForPaper(token, subscriber.Id, subscriber.TokenNonce)
            || !(await FeedbackPapers.ReadAsync(connection, [claim.PaperId], transaction)).TryGetValue(claim.PaperId, out var paper))
        {
            return null;
        }

        return new FeedbackLink(subscriber, paper, claim.Direction, await votes.GetAsync(connection, subscriber.Id, paper.Id, transaction));
    }

    private async Task<FeedbackLink?> ChangeAsync(string token, Func<DbConnection, DbTransaction, FeedbackLink, Task<FeedbackLink>> change,
        CancellationToken cancellationToken)
    {
        if (Read(token) is not { } claim)
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var link = await LinkAsync(connection, transaction, token, claim);
        if (link is null)
        {
            return null;
        }

        link = await change(connection, transaction, link);
        await transaction.CommitAsync(cancellationToken);
        return link;
    }
}
