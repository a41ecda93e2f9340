using Dapper;
using Newsletter.Data;

namespace Newsletter.Subscriptions;

/// <summary>
/// Everything stored about one subscriber, for "download my data": their address, status, keywords and
/// preferences with timestamps, every digest built for them (with the papers in it) and every email queued
/// for them. Nothing about anyone else, and nothing secret (no token nonce).
/// </summary>
public sealed class SubscriberDataExport(IDatabase database, TimeProvider clock)
{
    public async Task<SubscriberData> CreateAsync(Subscriber subscriber, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var lastDigestAt = await connection.ExecuteScalarAsync<DateTime?>(
            "SELECT last_digest_at FROM subscribers WHERE id = @id", new { id = subscriber.Id });
        var digests = (await connection.QueryAsync<(long Id, string LocalDate, DateTime CreatedAt, DateTime? SentAt)>("""
            SELECT d.id, d.local_date, d.created_at, o.sent_at
            FROM digests d LEFT JOIN outbox o ON o.digest_id = d.id
            WHERE d.subscriber_id = @id
            ORDER BY d.created_at, d.id
            """, new { id = subscriber.Id })).ToList();
        // SQLite-only: json_each unpacks the ranked paper list each digest stored.
        var papers = (await connection.QueryAsync<(long DigestId, string Id, string Title)>("""
            SELECT d.id, COALESCE(p.arxiv_id, p.paper_key), p.title
            FROM digests d, json_each(d.papers) j
            JOIN papers p ON p.id = json_extract(j.value, '$.id')
            WHERE d.subscriber_id = @id
            ORDER BY d.id, j.key
            """, new { id = subscriber.Id })).ToLookup(p => p.DigestId, p => new SubscriberData.PaperEntry(p.Id, p.Title));
        var emails = await connection.QueryAsync<(string Kind, string Status, DateTime CreatedAt, DateTime? SentAt)>(
            "SELECT kind, status, created_at, sent_at FROM outbox WHERE subscriber_id = @id ORDER BY id", new { id = subscriber.Id });

        return new SubscriberData(
            clock.GetUtcNow().UtcDateTime,
            subscriber.Email,
            subscriber.Status,
            subscriber.Keywords,
            subscriber.Cadence,
            subscriber.SendHour,
            subscriber.TimeZone,
            subscriber.CreatedAt,
            subscriber.UpdatedAt,
            subscriber.ConfirmedAt,
            subscriber.UnsubscribedAt,
            lastDigestAt,
            digests.Select(d => new SubscriberData.DigestEntry(d.LocalDate, d.CreatedAt, d.SentAt, papers[d.Id].ToList())).ToList(),
            emails.Select(e => new SubscriberData.EmailEntry(e.Kind, e.Status, e.CreatedAt, e.SentAt)).ToList());
    }
}
