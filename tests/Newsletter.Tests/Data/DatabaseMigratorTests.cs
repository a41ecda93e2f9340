using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Newsletter.Data;

namespace Newsletter.Tests.Data;

public sealed class DatabaseMigratorTestsOnSqlite() : DatabaseMigratorTests("sqlite")
{
    [Fact]
    public async Task The_database_runs_in_WAL_mode()
    {
        var database = Empty();
        await Migrator(database).MigrateAsync();

        await using var connection = await database.OpenAsync();
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(30000, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
    }
}

public sealed class DatabaseMigratorTestsOnPostgres() : DatabaseMigratorTests("postgres")
{
    [Fact]
    public async Task Both_migration_sets_build_the_same_tables_and_columns()
    {
        var sqlite = new SqliteDatabase(Path.Combine(directory.Path, "parity.db"));
        var postgres = Empty();
        await Migrator(sqlite).MigrateAsync();
        await Migrator(postgres).MigrateAsync();

        await using var lite = await sqlite.OpenAsync();
        var liteColumns = await lite.QueryAsync<string>("""
            SELECT m.name || '.' || c.name FROM sqlite_master m, pragma_table_info(m.name) c
            WHERE m.type = 'table' AND m.name NOT LIKE 'papers_fts%' AND m.name NOT LIKE 'sqlite_%'
            """);
        await using var pg = await postgres.OpenAsync();
        var pgColumns = await pg.QueryAsync<string>("""
            SELECT table_name || '.' || column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND NOT (table_name = 'papers' AND column_name = 'search')
            """);

        Assert.Equal(liteColumns.Order(), pgColumns.Order());
    }
}

/// <summary>The migrator, on each database: numbered files applied once, in order, atomically, whoever starts first.</summary>
public abstract class DatabaseMigratorTests(string dialect) : IDisposable
{
    protected readonly TempDirectory directory = new();
    private readonly List<IDatabase> databases = [];
    private readonly List<string> postgresDatabases = [];

    [Fact]
    public async Task A_fresh_database_and_one_migrated_step_by_step_end_identical()
    {
        var all = Migration.LoadEmbedded(dialect);
        Assert.True(all.Count >= 6);

        var fresh = Empty();
        await Migrator(fresh).MigrateAsync(all);

        var stepped = Empty();
        for (var count = 1; count <= all.Count; count++)
        {
            // A new migrator each step, as after a restart on a newer version.
            Assert.Equal(1, await Migrator(stepped).MigrateAsync(all.Take(count)));
        }

        Assert.Equal(await SchemaAsync(fresh), await SchemaAsync(stepped));
        Assert.Equal(await JournalAsync(fresh), await JournalAsync(stepped));
    }

    [Fact]
    public async Task Running_again_applies_nothing()
    {
        var database = Empty();
        var applied = await Migrator(database).MigrateAsync();

        Assert.Equal(Migration.LoadEmbedded(dialect).Count, applied);
        Assert.Equal(0, await Migrator(database).MigrateAsync());
    }

    [Fact]
    public async Task Concurrent_startups_apply_each_migration_once()
    {
        var database = Empty();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Migrator(database).MigrateAsync())));

        Assert.Equal(Migration.LoadEmbedded(dialect).Count, results.Sum());
        Assert.Equal(Migration.LoadEmbedded(dialect).Count, (await JournalAsync(database)).Length);
    }

    [Fact]
    public async Task A_failing_migration_leaves_nothing_behind()
    {
        var database = Empty();
        var broken = new Migration(9999, "broken", "CREATE TABLE half_done (id INTEGER); THIS IS NOT SQL;");

        await Assert.ThrowsAnyAsync<Exception>(() => Migrator(database).MigrateAsync([broken]));

        await using var connection = await database.OpenAsync();
        Assert.DoesNotContain(await SchemaAsync(database), entry => entry.Contains("half_done"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE version = 9999"));
        // The lock is released: the next start migrates.
        Assert.Equal(Migration.LoadEmbedded(dialect).Count, await Migrator(database).MigrateAsync());
    }

    /// <summary>An empty database of this dialect, dropped with the test.</summary>
    protected IDatabase Empty()
    {
        IDatabase database;
        if (dialect == SqlDialect.Postgres.Name)
        {
            var connectionString = TestPostgres.CreateDatabase();
            postgresDatabases.Add(connectionString);
            database = new PostgresDatabase(connectionString);
        }
        else
        {
            database = new SqliteDatabase(directory.File($"{Guid.NewGuid():N}.db"));
        }

        databases.Add(database);
        return database;
    }

    protected static DatabaseMigrator Migrator(IDatabase database) => new(database, NullLogger<DatabaseMigrator>.Instance);

    private static async Task<string[]> SchemaAsync(IDatabase database)
    {
        await using var connection = await database.OpenAsync();
        var sql = database.Dialect == SqlDialect.Postgres
            ? """
              SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || COALESCE(column_default, '')
              FROM information_schema.columns WHERE table_schema = 'public'
              UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'
              ORDER BY 1
              """
            : "SELECT type || ' ' || name || ' ' || tbl_name || ' ' || COALESCE(sql, '') FROM sqlite_master ORDER BY type, name";
        return (await connection.QueryAsync<string>(sql)).ToArray();
    }

    private static async Task<string[]> JournalAsync(IDatabase database)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<string>("SELECT version || ' ' || name FROM schema_migrations ORDER BY version")).ToArray();
    }

    public void Dispose()
    {
        foreach (var database in databases.OfType<PostgresDatabase>())
        {
            database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        postgresDatabases.ForEach(TestPostgres.DropDatabase);
        directory.Dispose();
        GC.SuppressFinalize(this);
    }
}
