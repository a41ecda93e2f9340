using System.Globalization;
using System.Data.Common;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Newsletter.Data;
using Newsletter.Delivery;
using Newsletter.Embeddings;
using Newsletter.Matching;
using Newsletter.Taste;

namespace Newsletter.Digests;

/// <summary>
/// Builds one batch of a prepared run: for each subscriber, the papers their keywords matched in their own
/// window, minus anything already sent to them, ranked and capped. Digests, their outbox rows and the
/// subscribers' bookkeeping are written in one transaction; a subscriber with nothing gets a recorded skip
/// and no email. Re-running a batch builds only what it had not built.
/// </summary>
public sealed class DigestBatchBuilder(
    IDatabase database, DigestRunStore runs, DigestRunData runData, DeliverySignal deliverySignal,
    IOptions<DigestOptions> options, IOptions<NewsletterOptions> newsletter, TimeProvider clock)
{
    private sealed record Target(long Id, string Email, string Cadence, string TimeZone, DateTime? ConfirmedAt, DateTime? LastDigestAt, string? LocalDate);

    /// <summary>
    /// Builds the batch; returns how many digests it built with papers. Digests are computed outside the write
    /// lock, so batches compute in parallel while another one writes; if another run sent these subscribers
    /// something meanwhile, they are computed again inside the transaction.
    /// </summary>
    public async Task<int> BuildAsync(long runId, int batch, CancellationToken cancellationToken = default)
    {
        var run = await runs.GetAsync(runId) ?? throw new InvalidOperationException($"No digest run {runId}.");
        var data = await runData.GetAsync(runId);
        var now = clock.GetUtcNow().UtcDateTime;

        List<BuiltDigest> digests;
        long lastDigestSeen;
        await using (var reader = await database.OpenAsync(cancellationToken))
        {
            lastDigestSeen = await reader.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(id), 0) FROM digests");
            digests = await ComputeAsync(reader, null, run, batch, data, now);
        }

        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var raced = await connection.ExecuteScalarAsync<long>("""
                SELECT COUNT(*) FROM digests d JOIN digest_run_subscribers t ON t.subscriber_id = d.subscriber_id
                WHERE d.id > @lastDigestSeen AND t.run_id = @runId AND t.batch = @batch
                """, new { lastDigestSeen, runId, batch }, transaction);
            if (raced > 0)
            {
                digests = await ComputeAsync(connection, transaction, run, batch, data, now);
            }

            await using (var writer = new DigestWriter(connection, transaction, runId, newsletter.Value.MessageIdDomain, now))
            {
                foreach (var digest in digests)
                {
                    await writer.WriteAsync(digest);
                }

                await writer.UpdateSubscribersAsync(batch);
            }

            await connection.ExecuteAsync(
                "UPDATE digest_run_batches SET done_at = @now WHERE run_id = @runId AND batch = @batch AND done_at IS NULL",
                new { runId, batch, now }, transaction);
            await connection.ExecuteAsync("""
                UPDATE digest_runs SET status = 'built', completed_at = @now
                WHERE id = @runId AND status = 'building'
                  AND NOT EXISTS (SELECT 1 FROM digest_run_batches WHERE run_id = @runId AND done_at IS NULL)
                """, new { runId, now }, transaction);
            await transaction.CommitAsync(cancellationToken);
        }

        deliverySignal.Notify();
        return digests.Count(d => d.Papers.Count > 0);
    }

    private async Task<List<BuiltDigest>> ComputeAsync(DbConnection connection, DbTransaction? transaction, DigestRun run, int batch,
        DigestRunData.Data data, DateTime now)
    {
        var runId = run.Id;
        var targets = await connection.QueryAsync<Target>("""
            SELECT s.id, s.email, s.cadence, s.time_zone AS TimeZone, s.confirmed_at AS ConfirmedAt, s.last_digest_at AS LastDigestAt, t.local_date AS LocalDate
            FROM digest_run_subscribers t
            JOIN subscribers s ON s.id = t.subscriber_id
            LEFT JOIN digests d ON d.run_id = t.run_id AND d.subscriber_id = t.subscriber_id
            WHERE t.run_id = @runId AND t.batch = @batch AND d.id IS NULL AND s.status = 'active'
            ORDER BY s.id
            """, new { runId, batch }, transaction);
        var keywords = await KeywordsAsync(connection, transaction, runId, batch);
        var sent = await SentPapersAsync(connection, transaction, runId, batch, data.EarliestPaper);
        var tastes = await TasteStore.LoadAsync(connection, transaction, runId, batch);
        var window = tastes.Count == 0 ? null : await WindowVectorsAsync(connection, transaction, run, targets.Where(t => tastes.ContainsKey(t.Id)));

        var digests = new List<BuiltDigest>();
        foreach (var target in targets)
        {
            var since = run.Since ?? DigestPlanner.WindowStart(target.Cadence, target.ConfirmedAt, target.LastDigestAt, run.WindowEnd);
            var alreadySent = sent.GetValueOrDefault(target.Id);
            var taste = tastes.GetValueOrDefault(target.Id) ?? ReaderTaste.None;
            var ranked = PaperRanker.Rank(
                keywords.GetValueOrDefault(target.Id) ?? [],
                data.Matches,
                id => data.Papers.TryGetValue(id, out var p) ? p.Upvotes : 0,
                id => data.Papers.TryGetValue(id, out var p) && p.FirstSeenAt >= since && p.FirstSeenAt <= run.WindowEnd
                      && (alreadySent is null || !alreadySent.Contains(id)),
                taste.IsEmpty ? options.Value.MaxPapers : int.MaxValue);
            var papers = (taste.IsEmpty ? ranked : taste.Rerank(ranked, window!.Vectors, options.Value.MaxPapers))
                .Select(r => new DigestPaper(r.PaperId, r.Score, r.Matched, r.Related.Count == 0 ? null : r.Related)).ToList();
            if (taste.HasLikes && papers.Count > 0)
            {
                var shown = ranked.Select(r => r.PaperId).ToHashSet();
                var inWindow = window!.FirstSeen.Where(p => p.Value >= since).Select(p => p.Key).ToHashSet();
                papers.AddRange(taste.RelatedToLiked(window.Vectors,
                        id => !inWindow.Contains(id) || shown.Contains(id) || taste.Voted.Contains(id) || alreadySent?.Contains(id) == true,
                        options.Value.RelatedPapers)
                    .Select(id => new DigestPaper(id, 0, [], null, SimilarToLiked: true)));
            }

            digests.Add(new BuiltDigest(target.Id, target.Email, since, run.WindowEnd, target.LocalDate ?? LocalToday(target.TimeZone, now), papers));
        }

        return digests;
    }

    private sealed record WindowVectors(IReadOnlyDictionary<long, float[]> Vectors, IReadOnlyDictionary<long, DateTime> FirstSeen);

    /// <summary>
    /// The vectors of every paper first seen in the widest window of these readers (only readers with votes need
    /// them): the candidates their taste re-ranks, and those it may bring as "related to papers you liked".
    /// </summary>
    private static async Task<WindowVectors> WindowVectorsAsync(DbConnection connection, DbTransaction? transaction, DigestRun run, IEnumerable<Target> readers)
    {
        var since = readers.Select(t => run.Since ?? DigestPlanner.WindowStart(t.Cadence, t.ConfirmedAt, t.LastDigestAt, run.WindowEnd))
            .DefaultIfEmpty(run.WindowEnd).Min();
        var firstSeen = (await connection.QueryAsync<(long Id, DateTime FirstSeenAt)>(
                "SELECT id, first_seen_at FROM papers WHERE first_seen_at >= @since AND first_seen_at <= @until",
                new { since, until = run.WindowEnd }, transaction))
            .ToDictionary(p => p.Id, p => p.FirstSeenAt);
        return new WindowVectors(await EmbeddingStore.LoadAsync(connection, firstSeen.Keys, transaction), firstSeen);
    }

    private static string LocalToday(string timeZone, DateTime now) =>
        DateOnly.FromDateTime(TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? TimeZoneInfo.ConvertTimeFromUtc(now, zone) : now)
            .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<Dictionary<long, List<KeywordQuery>>> KeywordsAsync(DbConnection connection, DbTransaction? transaction, long runId, int batch)
    {
        var rows = await connection.QueryAsync<(long SubscriberId, string Keyword)>("""
            SELECT k.subscriber_id, k.keyword FROM subscriber_keywords k
            JOIN digest_run_subscribers t ON t.subscriber_id = k.subscriber_id
            WHERE t.run_id = @runId AND t.batch = @batch ORDER BY k.subscriber_id, k.position
            """, new { runId, batch }, transaction);
        return rows.GroupBy(r => r.SubscriberId).ToDictionary(g => g.Key, g => g.Select(r => KeywordQuery.Parse(r.Keyword)).ToList());
    }

    /// <summary>Papers already sent to the batch's subscribers, from digests recent enough to hold any of this run's papers.</summary>
    private static async Task<Dictionary<long, HashSet<long>>> SentPapersAsync(
        DbConnection connection, DbTransaction? transaction, long runId, int batch, DateTime earliestPaper)
    {
        var sent = new Dictionary<long, HashSet<long>>();
        if (earliestPaper == DateTime.MaxValue)
        {
            return sent;
        }

        var rows = await connection.QueryAsync<(long SubscriberId, string Papers)>("""
            SELECT d.subscriber_id, d.papers FROM digests d
            JOIN digest_run_subscribers t ON t.subscriber_id = d.subscriber_id AND t.run_id = @runId AND t.batch = @batch
            WHERE d.paper_count > 0 AND d.created_at >= @earliestPaper
            """, new { runId, batch, earliestPaper }, transaction);
        foreach (var (subscriberId, papers) in rows)
        {
            if (!sent.TryGetValue(subscriberId, out var set))
            {
                sent[subscriberId] = set = [];
            }

            set.UnionWith(JsonSerializer.Deserialize<DigestPaper[]>(papers, DigestWriter.Json)!.Select(p => p.Id));
        }

        return sent;
    }
}
