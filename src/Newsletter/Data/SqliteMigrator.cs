using Dapper;
using Microsoft.Extensions.Logging;

namespace Newsletter.Data;

/// <summary>
/// Applies pending migrations at startup, each in its own transaction, and records each in
/// <c>schema_migrations</c>. Safe when several processes start at once: the journal is re-read under the
/// write lock (BEGIN IMMEDIATE), so a migration is applied exactly once.
/// </summary>
public sealed class SqliteMigrator(SqliteDatabase database, ILogger<SqliteMigrator> logger)
{
    // SQLite-only SQL.
    private const string Prepare = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            applied_at TEXT NOT NULL
        );
        """;

    public Task<int> MigrateAsync(CancellationToken cancellationToken = default) =>
        MigrateAsync(Migration.LoadEmbedded("sqlite"), cancellationToken);

    /// <summary>Applies those of <paramref name="migrations"/> not yet in the journal; returns how many it applied.</summary>
    public async Task<int> MigrateAsync(IEnumerable<Migration> migrations, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(database.Path)!);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(Prepare);

        var applied = 0;
        foreach (var migration in migrations)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var done = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version", new { migration.Version }, transaction);
            if (done > 0)
            {
                continue;
            }

            await connection.ExecuteAsync(migration.Sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { migration.Version, migration.Name, AppliedAt = DateTime.UtcNow }, transaction);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Applied migration {Version:D4} {Name}", migration.Version, migration.Name);
            applied++;
        }

        return applied;
    }
}
