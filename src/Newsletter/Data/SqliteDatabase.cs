using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Newsletter.Data;

/// <summary>
/// SQLite in WAL mode with a busy timeout: readers never block the writer, and a writer waits for another
/// instead of failing with "database is locked". Write transactions begin IMMEDIATE (Microsoft.Data.Sqlite's
/// default), so they queue on the write lock up front rather than failing when a read upgrades to a write.
/// </summary>
public sealed class SqliteDatabase : IDatabase
{
    /// <summary>How long a statement waits for another writer before giving up.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    // SQLite-only: per-connection settings. journal_mode=WAL is persistent and set once by the migrator.
    private const string ConnectionPragmas = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";

    private readonly string connectionString;

    public SqliteDatabase(string path)
    {
        DatabaseTypes.Register();
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();
    }

    public string Path { get; }

    public SqlDialect Dialect => SqlDialect.Sqlite;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = ConnectionPragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
