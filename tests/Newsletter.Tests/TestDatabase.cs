using Microsoft.Extensions.Logging.Abstractions;
using Newsletter.Data;

namespace Newsletter.Tests;

/// <summary>A real, migrated SQLite database in a temporary directory.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly TempDirectory directory = new();

    private TestDatabase() => Database = new SqliteDatabase(directory.File("newsletter.db"));

    public SqliteDatabase Database { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var test = new TestDatabase();
        await new SqliteMigrator(test.Database, NullLogger<SqliteMigrator>.Instance).MigrateAsync();
        return test;
    }

    public void Dispose() => directory.Dispose();
}
