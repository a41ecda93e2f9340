using System.Data.Common;
using System.Text.Json;
using Newsletter.Data;
using Newsletter.Delivery;

namespace Newsletter.Digests;

/// <summary>Writes digests, their outbox rows and the subscribers' digest bookkeeping with prepared commands, inside a batch's transaction.</summary>
internal sealed class DigestWriter : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly DbCommand insertDigest;
    private readonly DbCommand insertOutbox;
    private readonly DbCommand updateSubscriber;
    private readonly string messageIdDomain;

    public DigestWriter(DbConnection connection, DbTransaction transaction, long runId, string messageIdDomain, DateTime now)
    {
        this.messageIdDomain = messageIdDomain;
        insertDigest = connection.CreateCommand(transaction, """
            INSERT INTO digests (run_id, subscriber_id, window_start, window_end, paper_count, papers, created_at)
            VALUES (@run, @subscriber, @start, @end, @count, @papers, @now) RETURNING id
            """);
        insertDigest.AddParameter("@run", runId);
        insertDigest.AddParameter("@now", UtcDateTimeHandler.ToText(now));
        foreach (var name in new[] { "@subscriber", "@start", "@end", "@count", "@papers" })
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

        updateSubscriber = connection.CreateCommand(transaction,
            "UPDATE subscribers SET last_digest_at = @end, last_digest_local_date = @localDate WHERE id = @subscriber");
        foreach (var name in new[] { "@end", "@localDate", "@subscriber" })
        {
            updateSubscriber.AddParameter(name);
        }
    }

    public async Task WriteAsync(long subscriberId, string email, DateTime windowStart, DateTime windowEnd, IReadOnlyList<DigestPaper> papers, string localDate)
    {
        Set(insertDigest, "@subscriber", subscriberId);
        Set(insertDigest, "@start", UtcDateTimeHandler.ToText(windowStart));
        Set(insertDigest, "@end", UtcDateTimeHandler.ToText(windowEnd));
        Set(insertDigest, "@count", papers.Count);
        Set(insertDigest, "@papers", JsonSerializer.Serialize(papers, Json));
        var digestId = (long)(await insertDigest.ExecuteScalarAsync())!;

        if (papers.Count > 0)
        {
            Set(insertOutbox, "@subscriber", subscriberId);
            Set(insertOutbox, "@digest", digestId);
            Set(insertOutbox, "@recipient", email);
            Set(insertOutbox, "@messageId", $"digest-{digestId}@{messageIdDomain}");
            await insertOutbox.ExecuteNonQueryAsync();
        }

        Set(updateSubscriber, "@end", UtcDateTimeHandler.ToText(windowEnd));
        Set(updateSubscriber, "@localDate", localDate);
        Set(updateSubscriber, "@subscriber", subscriberId);
        await updateSubscriber.ExecuteNonQueryAsync();
    }

    private static void Set(DbCommand command, string name, object value) => command.Parameters[name].Value = value;

    public async ValueTask DisposeAsync()
    {
        await insertDigest.DisposeAsync();
        await insertOutbox.DisposeAsync();
        await updateSubscriber.DisposeAsync();
    }
}
