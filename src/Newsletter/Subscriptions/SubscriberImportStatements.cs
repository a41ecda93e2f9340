using System.Data;
using System.Data.Common;
using Newsletter.Data;

namespace Newsletter.Subscriptions;

/// <summary>A row that passed every check, ready to store.</summary>
internal sealed record SubscriberImportRow(int Line, string Email, string Normalized, SubscriptionPreferences Preferences);

/// <summary>
/// The per-row SQL of an import, each statement compiled once and run again with new values for every row,
/// instead of being parsed and mapped anew each time.
/// </summary>
internal sealed class SubscriberImportStatements : IAsyncDisposable
{
    private readonly DbCommand insertSubscriber;
    private readonly DbCommand updateSubscriber;
    private readonly DbCommand deleteKeywords;
    private readonly DbCommand insertKeyword;
    private readonly string now;
    private bool prepared;

    public SubscriberImportStatements(DbConnection connection, string now)
    {
        this.now = now;
        insertSubscriber = Create(connection, """
            INSERT INTO subscribers (email, email_normalized, status, cadence, send_hour, time_zone, token_nonce,
                                     created_at, updated_at, confirmed_at)
            VALUES (@email, @normalized, @status, @cadence, @sendHour, @timeZone, @nonce,
                    @now, @now, CASE WHEN @status = 'active' THEN @now END)
            RETURNING id
            """, ("@email", Text), ("@normalized", Text), ("@status", Text), ("@cadence", Text), ("@sendHour", Integer),
            ("@timeZone", Text), ("@nonce", Text), ("@now", Text));
        // Stamps confirmed_at and clears unsubscribed_at on a move to active, as SubscriberStore.SetStatusAsync does.
        updateSubscriber = Create(connection, """
            UPDATE subscribers
            SET status = @status,
                cadence = @cadence,
                updated_at = @now,
                confirmed_at = CASE WHEN @status = 'active' AND status <> 'active' THEN @now ELSE confirmed_at END,
                unsubscribed_at = CASE WHEN @status = 'active' THEN NULL ELSE unsubscribed_at END
            WHERE id = @id
            """, ("@id", Integer), ("@status", Text), ("@cadence", Text), ("@now", Text));
        deleteKeywords = Create(connection, "DELETE FROM subscriber_keywords WHERE subscriber_id = @id", ("@id", Integer));
        insertKeyword = Create(connection,
            "INSERT INTO subscriber_keywords (subscriber_id, position, keyword) VALUES (@id, @position, @keyword)",
            ("@id", Integer), ("@position", Integer), ("@keyword", Text));
    }

    private DbCommand[] All => [insertSubscriber, updateSubscriber, deleteKeywords, insertKeyword];

    /// <summary>Runs the statements in <paramref name="transaction"/> from now on; compiles them the first time.</summary>
    public void Enlist(DbTransaction transaction)
    {
        foreach (var command in All)
        {
            command.Transaction = transaction;
            if (!prepared)
            {
                command.Prepare();
            }
        }

        prepared = true;
    }

    /// <summary>Inserts a new subscriber with a fresh token nonce, and their keywords; returns the id.</summary>
    public async Task<long> InsertAsync(SubscriberImportRow row, string status, CancellationToken cancellationToken)
    {
        var preferences = row.Preferences;
        Set(insertSubscriber, "@email", row.Email);
        Set(insertSubscriber, "@normalized", row.Normalized);
        Set(insertSubscriber, "@status", status);
        Set(insertSubscriber, "@cadence", preferences.Cadence);
        Set(insertSubscriber, "@sendHour", (long)preferences.SendHour);
        Set(insertSubscriber, "@timeZone", preferences.TimeZone);
        Set(insertSubscriber, "@nonce", SubscriberTokens.NewNonce());
        Set(insertSubscriber, "@now", now);
        var id = (long)(await insertSubscriber.ExecuteScalarAsync(cancellationToken))!;
        await InsertKeywordsAsync(id, preferences.Keywords, cancellationToken);
        return id;
    }

    /// <summary>Moves a subscriber to <paramref name="status"/> with the row's cadence and keywords.</summary>
    public async Task UpdateAsync(long id, SubscriberImportRow row, string status, CancellationToken cancellationToken)
    {
        Set(updateSubscriber, "@id", id);
        Set(updateSubscriber, "@status", status);
        Set(updateSubscriber, "@cadence", row.Preferences.Cadence);
        Set(updateSubscriber, "@now", now);
        await updateSubscriber.ExecuteNonQueryAsync(cancellationToken);
        Set(deleteKeywords, "@id", id);
        await deleteKeywords.ExecuteNonQueryAsync(cancellationToken);
        await InsertKeywordsAsync(id, row.Preferences.Keywords, cancellationToken);
    }

    private async Task InsertKeywordsAsync(long id, IReadOnlyList<string> keywords, CancellationToken cancellationToken)
    {
        Set(insertKeyword, "@id", id);
        for (var position = 0; position < keywords.Count; position++)
        {
            Set(insertKeyword, "@position", (long)position);
            Set(insertKeyword, "@keyword", keywords[position]);
            await insertKeyword.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // Typed up front: PostgreSQL prepares a statement with its parameters' types, before any value is set.
    private const DbType Text = DbType.String;
    private const DbType Integer = DbType.Int64;

    private static DbCommand Create(DbConnection connection, string sql, params (string Name, DbType Type)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static void Set(DbCommand command, string parameter, object value) => command.Parameters[parameter].Value = value;

    public async ValueTask DisposeAsync()
    {
        foreach (var command in All)
        {
            await command.DisposeAsync();
        }
    }
}
