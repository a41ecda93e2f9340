using System.Data.Common;
using System.Text.Json;
using Dapper;
using Newsletter.Data;

namespace Newsletter.Delivery;

/// <summary>
/// The durable outbox. Rows are written in the same transaction as the change that causes the email, and
/// claimed in batches with a lease: a claimed row whose lease runs out (its sender died) is claimable again,
/// so a crash never loses an email and at worst repeats the ones in flight.
/// </summary>
public sealed class OutboxStore(IDatabase database)
{
    /// <summary>Records an email to send; returns its outbox id. Runs inside the caller's transaction.</summary>
    public Task<long> EnqueueAsync(DbConnection connection, DbTransaction transaction, string kind, long? subscriberId,
        string recipient, string messageIdDomain, DateTime now) =>
        connection.ExecuteScalarAsync<long>("""
            INSERT INTO outbox (kind, subscriber_id, recipient, message_id, status, next_attempt_at, created_at)
            VALUES (@kind, @subscriberId, @recipient, @messageId, 'pending', @now, @now)
            RETURNING id
            """,
            new { kind, subscriberId, recipient, messageId = $"{Guid.NewGuid():N}@{messageIdDomain}", now },
            transaction);

    /// <summary>
    /// Claims up to <paramref name="batchSize"/> due rows for <paramref name="owner"/> until
    /// <paramref name="leaseUntil"/>: pending rows that are due, and sending rows whose lease has expired.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(string owner, int batchSize, DateTime now, DateTime leaseUntil,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // On PostgreSQL several instances claim at once: rows another instance is claiming are skipped, not shared.
        var claimed = await connection.QueryAsync<OutboxMessage>(new CommandDefinition($"""
            UPDATE outbox
            SET status = 'sending', claimed_by = @owner, next_attempt_at = @leaseUntil, attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM outbox
                WHERE status IN ('pending', 'sending') AND next_attempt_at <= @now
                ORDER BY next_attempt_at
                LIMIT @batchSize
                {connection.Dialect().ForUpdateSkipLocked})
            RETURNING id, kind, subscriber_id AS SubscriberId, digest_id AS DigestId, recipient, message_id AS MessageId, attempts, created_at AS CreatedAt
            """,
            new { owner, batchSize, now, leaseUntil }, cancellationToken: cancellationToken));
        return claimed.OrderBy(m => m.Id).ToList();
    }

    /// <summary>Records that the server accepted these messages, in one statement; their subscribers' runs of hard failures end.</summary>
    public async Task MarkSentAsync(IReadOnlyCollection<long> ids, DateTime now)
    {
        await using var connection = await database.OpenAsync();
        var inIds = connection.Dialect().Ids("@ids");
        await connection.ExecuteAsync($"""
            UPDATE outbox SET status = 'sent', sent_at = @now, last_error = NULL WHERE id IN ({inIds});
            UPDATE subscribers SET hard_bounces = 0
            WHERE hard_bounces > 0 AND id IN (SELECT subscriber_id FROM outbox WHERE id IN ({inIds}));
            """, new { ids = JsonSerializer.Serialize(ids), now });
    }

    /// <summary>
    /// Marks a row failed for good because the server refused it permanently (5xx), counting a hard failure
    /// against its subscriber; at <paramref name="bounceLimit"/> consecutive ones they become bounced.
    /// </summary>
    public async Task MarkBouncedAsync(long id, string error, int bounceLimit, DateTime now)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("""
            UPDATE outbox SET status = 'failed', last_error = @error, sent_at = NULL, next_attempt_at = @now WHERE id = @id;
            UPDATE subscribers SET hard_bounces = hard_bounces + 1,
                status = CASE WHEN hard_bounces + 1 >= @bounceLimit AND status IN ('active', 'pending') THEN 'bounced' ELSE status END,
                updated_at = @now
            WHERE id = (SELECT subscriber_id FROM outbox WHERE id = @id);
            """, new { id, error, bounceLimit, now }, transaction);
        await transaction.CommitAsync();
    }

    /// <summary>Puts a row back to pending, due at <paramref name="retryAt"/>.</summary>
    public async Task MarkForRetryAsync(long id, DateTime retryAt, string? error)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE outbox SET status = 'pending', next_attempt_at = @retryAt, last_error = @error WHERE id = @id",
            new { id, retryAt, error });
    }

    /// <summary>Returns claimed rows that were never attempted to pending, without counting the attempt.</summary>
    public async Task ReleaseAsync(IEnumerable<long> ids, DateTime retryAt)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            $"UPDATE outbox SET status = 'pending', next_attempt_at = @retryAt, attempts = attempts - 1 WHERE id IN ({connection.Dialect().Ids("@ids")}) AND status = 'sending'",
            new { ids = JsonSerializer.Serialize(ids), retryAt });
    }

    public async Task MarkFailedAsync(long id, string error, DateTime now)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE outbox SET status = 'failed', last_error = @error, sent_at = NULL, next_attempt_at = @now WHERE id = @id",
            new { id, error, now });
    }
}
