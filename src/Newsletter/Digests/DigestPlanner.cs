using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Newsletter.Data;
using Newsletter.Matching;

namespace Newsletter.Digests;

/// <summary>
/// Prepares a run: settles who it is for (cut into batches), then matches every distinct keyword of those
/// subscribers once against the papers of the run's widest window, and stores the match sets for the
/// batches to assemble digests from. Then it hands the batches to the queue.
/// </summary>
public sealed class DigestPlanner(
    IDatabase database, DigestRunStore runs, KeywordMatcher matcher, IDigestBatchQueue queue,
    IOptions<DigestOptions> options, TimeProvider clock)
{
    /// <summary>A first digest never reaches further back than this, whatever the cadence.</summary>
    public static readonly TimeSpan MaxLookBack = TimeSpan.FromDays(31);

    public async Task PrepareAsync(long runId, CancellationToken cancellationToken = default)
    {
        List<int> batches;
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var run = await runs.GetAsync(runId, connection, transaction) ?? throw new InvalidOperationException($"No digest run {runId}.");
            if (run.Status is "building" or "built")
            {
                // Prepared before (this is a retry): hand on whatever is not done yet.
                batches = (await connection.QueryAsync<int>(
                    "SELECT batch FROM digest_run_batches WHERE run_id = @runId AND done_at IS NULL", new { runId }, transaction)).ToList();
            }
            else
            {
                batches = await PlanAsync(connection, transaction, run, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (batches.Count > 0)
        {
            await queue.EnqueueAsync(runId, batches);
        }
    }

    private async Task<List<int>> PlanAsync(DbConnection connection, DbTransaction transaction, DigestRun run, CancellationToken cancellationToken)
    {
        var runId = run.Id;
        await connection.ExecuteAsync("DELETE FROM digest_run_matches WHERE run_id = @runId", new { runId }, transaction);
        await connection.ExecuteAsync("DELETE FROM digest_run_batches WHERE run_id = @runId", new { runId }, transaction);
        if (run.Kind == "manual")
        {
            // Manual runs are for every active subscriber; scheduled runs arrive with their due subscribers.
            await connection.ExecuteAsync("DELETE FROM digest_run_subscribers WHERE run_id = @runId", new { runId }, transaction);
            await connection.ExecuteAsync("""
                INSERT INTO digest_run_subscribers (run_id, subscriber_id, batch)
                SELECT @runId, id, (ROW_NUMBER() OVER (ORDER BY id) - 1) / @batchSize FROM subscribers WHERE status = 'active'
                """, new { runId, batchSize = options.Value.BatchSize }, transaction);
        }

        var targets = await connection.QueryAsync<(string Cadence, DateTime? ConfirmedAt, DateTime? LastDigestAt)>("""
            SELECT s.cadence, s.confirmed_at, s.last_digest_at FROM digest_run_subscribers t
            JOIN subscribers s ON s.id = t.subscriber_id WHERE t.run_id = @runId
            """, new { runId }, transaction);
        var since = run.Since ?? targets.Select(t => WindowStart(t.Cadence, t.ConfirmedAt, t.LastDigestAt, run.WindowEnd))
            .DefaultIfEmpty(run.WindowEnd).Min();

        var keywords = (await connection.QueryAsync<string>("""
            SELECT DISTINCT k.keyword FROM subscriber_keywords k
            JOIN digest_run_subscribers t ON t.subscriber_id = k.subscriber_id WHERE t.run_id = @runId
            """, new { runId }, transaction)).Select(KeywordQuery.Parse).ToList();
        var matches = await matcher.MatchAsync(connection, keywords, since, run.WindowEnd, transaction);
        await InsertMatchesAsync(connection, transaction, runId, matches.Values);

        var batches = (await connection.QueryAsync<int>(
            "SELECT DISTINCT batch FROM digest_run_subscribers WHERE run_id = @runId ORDER BY batch", new { runId }, transaction)).ToList();
        await connection.ExecuteAsync("INSERT INTO digest_run_batches (run_id, batch) VALUES (@runId, @batch)",
            batches.Select(batch => new { runId, batch }), transaction);
        var subscribers = await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM digest_run_subscribers WHERE run_id = @runId", new { runId }, transaction);
        await connection.ExecuteAsync("""
            UPDATE digest_runs
            SET status = CASE WHEN @batchCount = 0 THEN 'built' ELSE 'building' END, subscribers = @subscribers, batches = @batchCount,
                completed_at = CASE WHEN @batchCount = 0 THEN @now ELSE NULL END, error = NULL
            WHERE id = @runId
            """, new { runId, subscribers, batchCount = batches.Count, now = clock.GetUtcNow().UtcDateTime }, transaction);
        return batches;
    }

    /// <summary>
    /// Where a subscriber's window starts: their previous digest; for the first, the confirmation time or one
    /// cadence period back if that is longer.
    /// </summary>
    public static DateTime WindowStart(string cadence, DateTime? confirmedAt, DateTime? lastDigestAt, DateTime windowEnd)
    {
        if (lastDigestAt is { } last)
        {
            return last;
        }

        var periodBack = windowEnd - DigestSchedule.Period(cadence);
        var start = confirmedAt is { } confirmed && confirmed < periodBack ? confirmed : periodBack;
        return start < windowEnd - MaxLookBack ? windowEnd - MaxLookBack : start;
    }

    private static async Task InsertMatchesAsync(DbConnection connection, DbTransaction transaction, long runId, IEnumerable<KeywordMatches> matches)
    {
        await using var insert = connection.CreateCommand(transaction,
            "INSERT INTO digest_run_matches (run_id, keyword, paper_id, in_title, related) VALUES (@run, @keyword, @paper, @title, @related)");
        insert.AddParameter("@run", runId);
        var keyword = insert.AddParameter("@keyword");
        var paper = insert.AddParameter("@paper");
        var title = insert.AddParameter("@title");
        var related = insert.AddParameter("@related");
        foreach (var set in matches)
        {
            var found = set.Papers.Select(p => (p.Key, InTitle: p.Value, Related: false))
                .Concat(set.Related.Keys.Select(id => (Key: id, InTitle: false, Related: true)));
            foreach (var (paperId, inTitle, byMeaning) in found)
            {
                keyword.Value = set.Keyword.Key;
                paper.Value = paperId;
                title.Value = inTitle ? 1L : 0L; // integer columns on both databases
                related.Value = byMeaning ? 1L : 0L;
                await insert.ExecuteNonQueryAsync();
            }
        }
    }
}
