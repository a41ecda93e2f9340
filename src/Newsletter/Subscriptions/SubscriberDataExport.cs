using System.Text.Json;
using Dapper;
using Newsletter.Data;
using Newsletter.Digests;

namespace Newsletter.Subscriptions;

/// <summary>
/// Everything stored about one subscriber, for "download my data": their address, status, keywords and
/// preferences with timestamps, every digest built for them (with the papers in it), every email queued for
/// them and every "more/less like this" vote they gave. Nothing about anyone else, and nothing secret (no token nonce).
/// </summary>
public sealed class SubscriberDataExport(IDatabase database, TimeProvider clock)
{
    public async Task<SubscriberData> CreateAsync(Subscriber subscriber, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var lastDigestAt = await connection.ExecuteScalarAsync<DateTime?>(
            "SELECT last_digest_at FROM subscribers WHERE id = @id", new { id = subscriber.Id });
        var digests = (await connection.QueryAsync<(long Id, string LocalDate, DateTime CreatedAt, DateTime? SentAt, string Papers)>("""
            SELECT d.id, d.local_date, d.created_at, o.sent_at, d.papers
            FROM digests d LEFT JOIN outbox o ON o.digest_id = d.id
            WHERE d.subscriber_id = @id
            ORDER BY d.created_at, d.id
            """, new { id = subscriber.Id })).ToList();
        // Each digest stored its ranked papers as JSON; unpacked here rather than in (dialect-specific) SQL.
        var ranked = digests.DistinctBy(d => d.Id).ToDictionary(d => d.Id, d => JsonSerializer.Deserialize<DigestPaper[]>(d.Papers, DigestWriter.Json)!);
        var papers = (await connection.QueryAsync<(long Id, string PublicId, string Title)>(
                $"SELECT id, COALESCE(arxiv_id, paper_key), title FROM papers WHERE id IN ({connection.Dialect().Ids("@ids")})",
                new { ids = JsonSerializer.Serialize(ranked.Values.SelectMany(r => r.Select(p => p.Id)).Distinct()) }))
            .ToDictionary(p => p.Id, p => new SubscriberData.PaperEntry(p.PublicId, p.Title));
        var emails = await connection.QueryAsync<(string Kind, string Status, DateTime CreatedAt, DateTime? SentAt)>(
            "SELECT kind, status, created_at, sent_at FROM outbox WHERE subscriber_id = @id ORDER BY id", new { id = subscriber.Id });
        var votes = await connection.QueryAsync<(string PublicId, string Title, string Vote, DateTime CreatedAt)>("""
            SELECT COALESCE(p.arxiv_id, p.paper_key), p.title, v.vote, v.created_at
            FROM votes v JOIN papers p ON p.id = v.paper_id
            WHERE v.subscriber_id = @id
            ORDER BY v.created_at, v.paper_id
            """, new { id = subscriber.Id });

        return new SubscriberData(
            clock.GetUtcNow().UtcDateTime,
            subscriber.Email,
            subscriber.Status,
            subscriber.Keywords,
            subscriber.Cadence,
            subscriber.SendHour,
            subscriber.TimeZone,
            subscriber.LearnFromVotes,
            subscriber.CreatedAt,
            subscriber.UpdatedAt,
            subscriber.ConfirmedAt,
            subscriber.UnsubscribedAt,
            lastDigestAt,
            digests.Select(d => new SubscriberData.DigestEntry(d.LocalDate, d.CreatedAt, d.SentAt,
                ranked[d.Id].Where(p => papers.ContainsKey(p.Id)).Select(p => papers[p.Id]).ToList())).ToList(),
            emails.Select(e => new SubscriberData.EmailEntry(e.Kind, e.Status, e.CreatedAt, e.SentAt)).ToList(),
            votes.Select(v => new SubscriberData.VoteEntry(v.PublicId, v.Title, v.Vote, v.CreatedAt)).ToList());
    }
}
