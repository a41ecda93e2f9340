using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Newsletter.Data;

namespace Newsletter.Tests.Data;

public class SqliteMigratorTests : IDisposable
{
    private readonly TempDirectory directory = new();

    [Fact]
    public async Task A_fresh_database_and_one_migrated_step_by_step_end_identical()
    {
        var all = Migration.LoadEmbedded("sqlite");
        Assert.True(all.Count >= 2);

        var fresh = new SqliteDatabase(directory.File("fresh.db"));
        await Migrator(fresh).MigrateAsync(all);

        var stepped = new SqliteDatabase(directory.File("stepped.db"));
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
        var database = new SqliteDatabase(directory.File("again.db"));
        var applied = await Migrator(database).MigrateAsync();

        Assert.Equal(Migration.LoadEmbedded("sqlite").Count, applied);
        Assert.Equal(0, await Migrator(database).MigrateAsync());
    }

    [Fact]
    public async Task Concurrent_startups_apply_each_migration_once()
    {
        var database = new SqliteDatabase(directory.File("concurrent.db"));
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Migrator(database).MigrateAsync())));

        Assert.Equal(Migration.LoadEmbedded("sqlite").Count, results.Sum());
    }

    [Fact]
    public async Task A_failing_migration_leaves_nothing_behind()
    {
        var database = new SqliteDatabase(directory.File("failing.db"));
        var broken = new Migration(9999, "broken", "CREATE TABLE half_done (id INTEGER); THIS IS NOT SQL;");

        await Assert.ThrowsAnyAsync<Exception>(() => Migrator(database).MigrateAsync([broken]));

        await using var connection = await database.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE version = 9999"));
    }

    [Fact]
    public async Task The_database_runs_in_WAL_mode()
    {
        var database = new SqliteDatabase(directory.File("wal.db"));
        await Migrator(database).MigrateAsync();

        await using var connection = await database.OpenAsync();
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(30000, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
    }

    private static SqliteMigrator Migrator(SqliteDatabase database) => new(database, NullLogger<SqliteMigrator>.Instance);

    private static async Task<string[]> SchemaAsync(SqliteDatabase database)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<string>(
            "SELECT type || ' ' || name || ' ' || tbl_name || ' ' || COALESCE(sql, '') FROM sqlite_master ORDER BY type, name")).ToArray();
    }

    private static async Task<string[]> JournalAsync(SqliteDatabase database)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<string>("SELECT version || ' ' || name FROM schema_migrations ORDER BY version")).ToArray();
    }

    public void Dispose() => directory.Dispose();
}
