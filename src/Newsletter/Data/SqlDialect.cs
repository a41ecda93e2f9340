using System.Data.Common;
using Npgsql;

namespace Newsletter.Data;

/// <summary>
/// The few pieces of SQL that differ between SQLite and PostgreSQL. Every other statement is the same text on
/// both; full-text search has its own seam (<c>Matching/IFullTextIndex</c>), and each database its migrations folder.
/// </summary>
public sealed class SqlDialect
{
    public static readonly SqlDialect Sqlite = new(
        name: "sqlite",
        ids: json => $"SELECT value FROM json_each({json})",
        texts: json => $"SELECT value FROM json_each({json})",
        forUpdateSkipLocked: "",
        // WAL is persistent: set once here. SQLite serialises writers, so BEGIN IMMEDIATE per migration is the lock.
        lockMigrations: "PRAGMA journal_mode = WAL;",
        unlockMigrations: "",
        // SQLite reads an IN (json_each) list through the index without statistics; its plans were measured as they are.
        analyzeSubscribers: "");

    public static readonly SqlDialect Postgres = new(
        name: "postgres",
        ids: json => $"SELECT value::bigint FROM json_array_elements_text({json}::json)",
        texts: json => $"SELECT value FROM json_array_elements_text({json}::json)",
        forUpdateSkipLocked: "FOR UPDATE SKIP LOCKED",
        // A session-level advisory lock (any fixed key): instances starting together migrate one after the other.
        lockMigrations: "SELECT pg_advisory_lock(7294510001);",
        unlockMigrations: "SELECT pg_advisory_unlock(7294510001);",
        analyzeSubscribers: "ANALYZE subscribers, subscriber_keywords;");

    private readonly Func<string, string> ids;
    private readonly Func<string, string> texts;

    private SqlDialect(string name, Func<string, string> ids, Func<string, string> texts, string forUpdateSkipLocked,
        string lockMigrations, string unlockMigrations, string analyzeSubscribers)
    {
        Name = name;
        this.ids = ids;
        this.texts = texts;
        ForUpdateSkipLocked = forUpdateSkipLocked;
        LockMigrations = lockMigrations;
        UnlockMigrations = unlockMigrations;
        AnalyzeSubscribers = analyzeSubscribers;
    }

    /// <summary><c>sqlite</c> or <c>postgres</c>: the folder of its migrations and the value of <c>Newsletter:Database</c>.</summary>
    public string Name { get; }

    /// <summary>Ends a claiming SELECT: on PostgreSQL, rows another transaction holds are skipped, not waited for.</summary>
    public string ForUpdateSkipLocked { get; }

    /// <summary>Runs before migrating, on the migrating connection; <see cref="UnlockMigrations"/> after.</summary>
    public string LockMigrations { get; }

    public string UnlockMigrations { get; }

    /// <summary>Refreshes the planner's statistics of the subscriber tables, after a bulk load.</summary>
    public string AnalyzeSubscribers { get; }

    /// <summary>The dialect of an open connection.</summary>
    public static SqlDialect Of(DbConnection connection) => connection is NpgsqlConnection ? Postgres : Sqlite;

    /// <summary>
    /// A subquery of the integers in a JSON array parameter, for <c>id IN (…)</c>: one parameter whatever the
    /// list's length (SQLite limits the number of parameters; a JSON text has no such limit).
    /// </summary>
    public string Ids(string jsonParameter) => ids(jsonParameter);

    /// <summary>A subquery of the strings in a JSON array parameter.</summary>
    public string Texts(string jsonParameter) => texts(jsonParameter);

    public override string ToString() => Name;
}
