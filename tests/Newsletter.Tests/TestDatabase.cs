using Microsoft.Extensions.Logging.Abstractions;
using Newsletter.Data;

namespace Newsletter.Tests;

/// <summary>
/// A real, migrated database: SQLite in a temporary directory, or a fresh database on the test PostgreSQL
/// cluster. Tests that hold on both take the dialect's name (<see cref="Dialects"/>) and run once for each.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly TempDirectory? directory;
    private readonly string? postgres;

    private TestDatabase(string dialect)
    {
        if (dialect == SqlDialect.Postgres.Name)
        {
            postgres = TestPostgres.CreateDatabase();
            Database = new PostgresDatabase(postgres);
        }
        else
        {
            directory = new TempDirectory();
            Database = new SqliteDatabase(directory.File("newsletter.db"));
        }
    }

    public IDatabase Database { get; }

    public static async Task<TestDatabase> CreateAsync(string dialect = "sqlite")
    {
        var test = new TestDatabase(dialect);
        await new DatabaseMigrator(test.Database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
        return test;
    }

    public void Dispose()
    {
        directory?.Dispose();
        if (postgres is not null)
        {
            ((PostgresDatabase)Database).DisposeAsync().AsTask().GetAwaiter().GetResult();
            TestPostgres.DropDatabase(postgres);
        }
    }
}
