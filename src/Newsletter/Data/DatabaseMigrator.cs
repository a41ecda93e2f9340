using Dapper;
using Microsoft.Extensions.Logging;

namespace Newsletter.Data;

/// <summary>
/// Applies pending migrations of the database's dialect (<c>migrations/sqlite</c> or <c>migrations/postgres</c>)
/// at startup, each in its own transaction, and records each in <c>schema_migrations</c>. Safe when several
/// instances start at once: PostgreSQL migrates under an advisory lock, SQLite under its write lock (each
/// migration's transaction begins IMMEDIATE and re-reads the journal), so a migration is applied exactly once.
/// </summary>
public sealed class DatabaseMigrator(IDatabase database, ILogger<DatabaseMigrator> logger)
{
    private const string CreateJournal = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    BIGINT PRIMARY KEY,
            name       TEXT NOT NULL,
            applied_at TEXT NOT NULL
        );
        """;

    public Task<int> MigrateAsync(CancellationToken cancellationToken = default) =>
        MigrateAsync(Migration.LoadEmbedded(database.Dialect.Name), cancellationToken);

    /// <summary>Applies those of <paramref name="migrations"/> not yet in the journal; returns how many it applied.</summary>
    public async Task<int> MigrateAsync(IEnumerable<Migration> migrations, CancellationToken cancellationToken = default)
    {
        var dialect = database.Dialect;
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(dialect.LockMigrations);
        try
        {
            await connection.ExecuteAsync(CreateJournal);
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
                logger.LogInformation("Applied {Dialect} migration {Version:D4} {Name}", dialect, migration.Version, migration.Name);
                applied++;
            }

            return applied;
        }
        finally
        {
            if (dialect.UnlockMigrations.Length > 0)
            {
                await connection.ExecuteAsync(dialect.UnlockMigrations);
            }
        }
    }
}
