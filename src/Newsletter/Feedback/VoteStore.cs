using System.Data;
using System.Data.Common;
using Dapper;

namespace Newsletter.Feedback;

/// <summary>
/// SQL for votes: at most one per subscriber and paper. Every method runs on the caller's connection (and
/// transaction), like <see cref="Subscriptions.SubscriberStore"/>. Votes go when their subscriber or paper goes
/// (ON DELETE CASCADE), so no erasure path needs to know about them.
/// </summary>
public sealed class VoteStore
{
    internal static string Text(VoteDirection direction) => direction == VoteDirection.More ? "more" : "less";

    private static VoteDirection Parse(string vote) => vote switch
    {
        "more" => VoteDirection.More,
        "less" => VoteDirection.Less,
        _ => throw new DataException($"Unknown vote '{vote}'."),
    };

    /// <summary>The subscriber's vote on the paper, in either direction; null when there is none.</summary>
    public async Task<RecordedVote?> GetAsync(DbConnection connection, long subscriberId, long paperId, DbTransaction? transaction = null)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(string Vote, DateTime CreatedAt)?>(
            "SELECT vote, created_at FROM votes WHERE subscriber_id = @subscriberId AND paper_id = @paperId",
            new { subscriberId, paperId }, transaction);
        return row is { } found ? new RecordedVote(paperId, Parse(found.Vote), found.CreatedAt) : null;
    }

    /// <summary>
    /// Stores the vote and returns it as stored. The same vote again changes nothing (not even its time); the
    /// opposite direction replaces it, with the time it was chosen.
    /// </summary>
    public async Task<RecordedVote> RecordAsync(DbConnection connection, DbTransaction transaction, long subscriberId, long paperId,
        VoteDirection direction, DateTime now)
    {
        await connection.ExecuteAsync("""
            INSERT INTO votes (subscriber_id, paper_id, vote, created_at) VALUES (@subscriberId, @paperId, @vote, @now)
            ON CONFLICT (subscriber_id, paper_id) DO UPDATE SET vote = excluded.vote, created_at = excluded.created_at
            WHERE votes.vote <> excluded.vote
            """,
            new { subscriberId, paperId, vote = Text(direction), now }, transaction);
        return (await GetAsync(connection, subscriberId, paperId, transaction))!;
    }

    /// <summary>Removes the vote if it is in this direction (a vote in the other direction stays). True when one was removed.</summary>
    public async Task<bool> RemoveAsync(DbConnection connection, DbTransaction? transaction, long subscriberId, long paperId, VoteDirection direction) =>
        await connection.ExecuteAsync(
            "DELETE FROM votes WHERE subscriber_id = @subscriberId AND paper_id = @paperId AND vote = @vote",
            new { subscriberId, paperId, vote = Text(direction) }, transaction) > 0;

    /// <summary>The subscriber's votes (in one direction, or both when null), newest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<VotedPaper>> ListAsync(DbConnection connection, long subscriberId, VoteDirection? direction, int limit)
    {
        var votes = (await connection.QueryAsync<(long PaperId, string Vote, DateTime CreatedAt)>("""
            SELECT paper_id, vote, created_at FROM votes
            WHERE subscriber_id = @subscriberId AND (@vote IS NULL OR vote = @vote)
            ORDER BY created_at DESC, paper_id DESC
            LIMIT @limit
            """,
            new { subscriberId, vote = direction is { } d ? Text(d) : null, limit })).ToList();
        var papers = await FeedbackPapers.ReadAsync(connection, votes.Select(v => v.PaperId));
        return votes.Where(v => papers.ContainsKey(v.PaperId))
            .Select(v => new VotedPaper(papers[v.PaperId], Parse(v.Vote), v.CreatedAt)).ToList();
    }
}
