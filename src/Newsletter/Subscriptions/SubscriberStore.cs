using System.Data.Common;
using System.Text.Json;
using Dapper;
using Newsletter.Data;

namespace Newsletter.Subscriptions;

/// <summary>
/// SQL for subscribers and their keywords. Every method runs on the caller's connection and transaction, so a
/// service can compose several of them (and an outbox row) into one unit of work.
/// </summary>
public sealed class SubscriberStore
{
    private const string Columns = """
        id, email, status, cadence, send_hour AS SendHour, time_zone AS TimeZone, token_nonce AS TokenNonce,
        created_at AS CreatedAt, updated_at AS UpdatedAt, confirmed_at AS ConfirmedAt, unsubscribed_at AS UnsubscribedAt,
        learn_from_votes AS LearnFromVotes
        """;

    public async Task<Subscriber?> GetAsync(DbConnection connection, long id, DbTransaction? transaction = null)
    {
        var subscriber = await connection.QuerySingleOrDefaultAsync<Subscriber>(
            $"SELECT {Columns} FROM subscribers WHERE id = @id", new { id }, transaction);
        return subscriber is null ? null : subscriber with { Keywords = await GetKeywordsAsync(connection, id, transaction) };
    }

    /// <summary>The subscribers with these ids, with their keywords, in two queries; ids that no longer exist are absent.</summary>
    public async Task<IReadOnlyDictionary<long, Subscriber>> GetManyAsync(DbConnection connection, IEnumerable<long> ids)
    {
        var json = JsonSerializer.Serialize(ids.Distinct());
        var inIds = connection.Dialect().Ids("@json");
        var keywords = (await connection.QueryAsync<(long SubscriberId, string Keyword)>($"""
                SELECT subscriber_id, keyword FROM subscriber_keywords
                WHERE subscriber_id IN ({inIds}) ORDER BY subscriber_id, position
                """, new { json }))
            .ToLookup(k => k.SubscriberId, k => k.Keyword);
        return (await connection.QueryAsync<Subscriber>(
                $"SELECT {Columns} FROM subscribers WHERE id IN ({inIds})", new { json }))
            .ToDictionary(s => s.Id, s => s with { Keywords = keywords[s.Id].ToArray() });
    }

    public async Task<Subscriber?> FindByEmailAsync(DbConnection connection, string email, DbTransaction? transaction = null)
    {
        var subscriber = await connection.QuerySingleOrDefaultAsync<Subscriber>(
            $"SELECT {Columns} FROM subscribers WHERE email_normalized = @normalized",
            new { normalized = EmailAddressRules.Normalize(email) }, transaction);
        return subscriber is null ? null : subscriber with { Keywords = await GetKeywordsAsync(connection, subscriber.Id, transaction) };
    }

    /// <summary>Just what subscribing needs to decide: id, address as stored, and status (no keywords).</summary>
    public Task<(long Id, string Email, string Status)?> FindStatusByEmailAsync(DbConnection connection, string email, DbTransaction? transaction = null) =>
        connection.QuerySingleOrDefaultAsync<(long Id, string Email, string Status)?>(
            "SELECT id, email, status FROM subscribers WHERE email_normalized = @normalized",
            new { normalized = EmailAddressRules.Normalize(email) }, transaction);

    public async Task<long> InsertAsync(DbConnection connection, DbTransaction transaction, string email,
        SubscriptionPreferences preferences, string status, string nonce, DateTime now)
    {
        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO subscribers (email, email_normalized, status, cadence, send_hour, time_zone, token_nonce, created_at, updated_at)
            VALUES (@email, @normalized, @status, @Cadence, @SendHour, @TimeZone, @nonce, @now, @now)
            RETURNING id
            """,
            new
            {
                email, normalized = EmailAddressRules.Normalize(email), status, preferences.Cadence,
                preferences.SendHour, preferences.TimeZone, nonce, now,
            },
            transaction);
        await ReplaceKeywordsAsync(connection, transaction, id, preferences.Keywords);
        return id;
    }

    /// <summary>Replaces the preferences; <see cref="SubscriptionPreferences.LearnFromVotes"/> only when it is set.</summary>
    public async Task UpdatePreferencesAsync(DbConnection connection, DbTransaction transaction, long id,
        SubscriptionPreferences preferences, DateTime now)
    {
        await connection.ExecuteAsync("""
            UPDATE subscribers SET cadence = @Cadence, send_hour = @SendHour, time_zone = @TimeZone, updated_at = @now,
                learn_from_votes = COALESCE(@learn, learn_from_votes)
            WHERE id = @id
            """,
            new
            {
                id, preferences.Cadence, preferences.SendHour, preferences.TimeZone, now,
                // An integer 1/0 column on both databases: a boolean parameter would not fit PostgreSQL's BIGINT.
                learn = preferences.LearnFromVotes is { } learn ? (learn ? 1 : 0) : (int?)null,
            },
            transaction);
        await ReplaceKeywordsAsync(connection, transaction, id, preferences.Keywords);
    }

    /// <summary>Moves a subscriber to <paramref name="status"/>, stamping confirmed_at or unsubscribed_at to match.</summary>
    public Task<int> SetStatusAsync(DbConnection connection, DbTransaction? transaction, long id, string status, DateTime now) =>
        connection.ExecuteAsync("""
            UPDATE subscribers
            SET status = @status,
                updated_at = @now,
                confirmed_at = CASE WHEN @status = 'active' THEN @now ELSE confirmed_at END,
                unsubscribed_at = CASE WHEN @status = 'unsubscribed' THEN @now WHEN @status = 'active' THEN NULL ELSE unsubscribed_at END
            WHERE id = @id AND status <> @status
            """,
            new { id, status, now }, transaction);

    /// <summary>Erases a subscriber; their keywords and outbox rows go with them (ON DELETE CASCADE).</summary>
    public async Task<bool> DeleteAsync(DbConnection connection, DbTransaction? transaction, long id) =>
        await connection.ExecuteAsync("DELETE FROM subscribers WHERE id = @id", new { id }, transaction) > 0;

    public async Task<SubscriberPage> ListAsync(DbConnection connection, SubscriberQuery query)
    {
        const string filter = """
            WHERE (@email IS NULL OR email_normalized LIKE '%' || @email || '%' ESCAPE '\')
              AND (@status IS NULL OR status = @status)
            """;
        var parameters = new
        {
            email = query.Email is null ? null : EscapeLike(EmailAddressRules.Normalize(query.Email)),
            status = query.Status,
            limit = query.PageSize,
            offset = (query.Page - 1) * query.PageSize,
        };
        var total = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM subscribers {filter}", parameters);
        var subscribers = (await connection.QueryAsync<Subscriber>(
            $"SELECT {Columns} FROM subscribers {filter} ORDER BY id LIMIT @limit OFFSET @offset", parameters)).ToList();

        var keywords = (subscribers.Count == 0 ? [] : await connection.QueryAsync<(long SubscriberId, string Keyword)>(
                $"SELECT subscriber_id, keyword FROM subscriber_keywords WHERE subscriber_id IN ({connection.Dialect().Ids("@ids")}) ORDER BY subscriber_id, position",
                new { ids = JsonSerializer.Serialize(subscribers.Select(s => s.Id)) }))
            .ToLookup(k => k.SubscriberId, k => k.Keyword);

        return new SubscriberPage(total, subscribers.Select(s => s with { Keywords = keywords[s.Id].ToArray() }).ToList());
    }

    private static async Task<IReadOnlyList<string>> GetKeywordsAsync(DbConnection connection, long id, DbTransaction? transaction) =>
        (await connection.QueryAsync<string>(
            "SELECT keyword FROM subscriber_keywords WHERE subscriber_id = @id ORDER BY position", new { id }, transaction)).ToArray();

    private static async Task ReplaceKeywordsAsync(DbConnection connection, DbTransaction transaction, long id, IReadOnlyList<string> keywords)
    {
        await connection.ExecuteAsync("DELETE FROM subscriber_keywords WHERE subscriber_id = @id", new { id }, transaction);
        await connection.ExecuteAsync(
            "INSERT INTO subscriber_keywords (subscriber_id, position, keyword) VALUES (@id, @position, @keyword)",
            keywords.Select((keyword, position) => new { id, position, keyword }), transaction);
    }

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
