using System.Data.Common;
using System.Text.Json;
using Dapper;
using Newsletter.Data;
using Newsletter.Delivery;

namespace Newsletter.Digests;

/// <summary>
/// Writes a batch's digests and their outbox rows with prepared commands inside the batch's transaction, then
/// the subscribers' bookkeeping in one statement. A digest already written for this run and subscriber (a
/// retried batch) is left as it was, with no second email.
/// </summary>
internal sealed class DigestWriter : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly DbConnection connection;
    private readonly DbTransaction transaction;
    private readonly long runId;
    private readonly DbCommand insertDigest;
    private readonly DbCommand insertOutbox;
    private readonly string messageIdDomain;

    public DigestWriter(DbConnection connection, DbTransaction transaction, long runId, string messageIdDomain, DateTime now)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.runId = runId;
        this.messageIdDomain = messageIdDomain;
        insertDigest = connection.CreateCommand(transaction, """
            INSERT INTO digests (run_id, subscriber_id, window_start, window_end, local_date, paper_count, papers, created_at)
            VALUES (@run, @subscriber, @start, @end, @localDate, @count, @papers, @now)
            ON CONFLICT (run_id, subscriber_id) DO NOTHING
            RETURNING id
            """);
        insertDigest.AddParameter("@run", runId);
        insertDigest.AddParameter("@now", UtcDateTimeHandler.ToText(now));
        foreach (var name in new[] { "@subscriber", "@start", "@end", "@localDate", "@count", "@papers" })
        {
            insertDigest.AddParameter(name);
        }

        insertOutbox = connection.CreateCommand(transaction, """
            INSERT INTO outbox (kind, subscriber_id, digest_id, recipient, message_id, status, next_attempt_at, created_at)
            VALUES (@kind, @subscriber, @digest, @recipient, @messageId, 'pending', @now, @now)
            """);
        insertOutbox.AddParameter("@kind", EmailKind.Digest);
        insertOutbox.AddParameter("@now", UtcDateTimeHandler.ToText(now));
        foreach (var name in new[] { "@subscriber", "@digest", "@recipient", "@messageId" })
        {
            insertOutbox.AddParameter(name);
        }
    }

    /// <summary>Writes one digest (and its email when it has papers); false when this run already had one for them.</summary>
    public async Task<bool> WriteAsync(BuiltDigest digest)
    {
        Set(insertDigest, "@subscriber", digest.SubscriberId);
        Set(insertDigest, "@start", UtcDateTimeHandler.ToText(digest.WindowStart));
        Set(insertDigest, "@end", UtcDateTimeHandler.ToText(digest.WindowEnd));
        Set(insertDigest, "@localDate", digest.LocalDate);
        Set(insertDigest, "@count", digest.Papers.Count);
        Set(insertDigest, "@papers", JsonSerializer.Serialize(digest.Papers, Json));
        if (await insertDigest.ExecuteScalarAsync() is not long digestId)
        {
            return false;
        }

        if (digest.Papers.Count > 0)
        {
            Set(insertOutbox, "@subscriber", digest.SubscriberId);
            Set(insertOutbox, "@digest", digestId);
            Set(insertOutbox, "@recipient", digest.Email);
            Set(insertOutbox, "@messageId", $"digest-{digestId}@{messageIdDomain}");
            await insertOutbox.ExecuteNonQueryAsync();
        }

        return true;
    }

    /// <summary>Moves each subscriber of the batch to the end of this run's window (plain UPDATE ... FROM).</summary>
    public Task UpdateSubscribersAsync(int batch) =>
        connection.ExecuteAsync("""
            UPDATE subscribers SET last_digest_at = d.window_end, last_digest_local_date = d.local_date
            FROM digests d
            WHERE d.run_id = @runId AND d.subscriber_id = subscribers.id
              AND d.subscriber_id IN (SELECT subscriber_id FROM digest_run_subscribers WHERE run_id = @runId AND batch = @batch)
            """, new { runId, batch }, transaction);

    private static void Set(DbCommand command, string name, object value) => command.Parameters[name].Value = value;

    public async ValueTask DisposeAsync()
    {
        await insertDigest.DisposeAsync();
        await insertOutbox.DisposeAsync();
    }
}

/// <summary>A digest computed for one subscriber, ready to write.</summary>
internal sealed record BuiltDigest(long SubscriberId, string Email, DateTime WindowStart, DateTime WindowEnd, string LocalDate, IReadOnlyList<DigestPaper> Papers);
