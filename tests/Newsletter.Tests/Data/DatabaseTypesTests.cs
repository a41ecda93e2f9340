using Dapper;

namespace Newsletter.Tests.Data;

public sealed class DatabaseTypesTestsOnSqlite() : DatabaseTypesTests("sqlite");

public sealed class DatabaseTypesTestsOnPostgres() : DatabaseTypesTests("postgres");

/// <summary>
/// One row type reads the same on both databases: SQLite's INTEGER and PostgreSQL's BIGINT into int, 0/1 and
/// booleans into bool, date text into DateOnly, timestamp text into UTC DateTime — through a positional record,
/// the shape that failed the schedule job on both.
/// </summary>
public abstract class DatabaseTypesTests(string dialect) : IAsyncLifetime
{
    private TestDatabase test = default!;

    public async Task InitializeAsync() => test = await TestDatabase.CreateAsync(dialect);

    public Task DisposeAsync()
    {
        test.Dispose();
        return Task.CompletedTask;
    }

    private sealed record Row(long Id, int SendHour, bool Flag, DateOnly? LocalDate, DateTime CreatedAt, DateTime? ConfirmedAt, string TimeZone);

    private sealed record Counted(int Count, bool Any);

    [Fact]
    public async Task A_positional_record_reads_integers_booleans_dates_and_timestamps_from_real_columns()
    {
        await using var connection = await test.Database.OpenAsync();
        await connection.ExecuteAsync("""
            INSERT INTO subscribers (email, email_normalized, status, send_hour, time_zone, token_nonce, created_at, updated_at, last_digest_local_date)
            VALUES ('a@example.org', 'a@example.org', 'active', 23, 'Europe/Berlin', 'n', @created, @created, @date)
            """, new { created = new DateTime(2026, 6, 1, 5, 0, 0, DateTimeKind.Utc), date = new DateOnly(2026, 5, 31) });

        var row = await connection.QuerySingleAsync<Row>("""
            SELECT id, send_hour AS SendHour, send_hour > 7 AS Flag, last_digest_local_date AS LocalDate, created_at AS CreatedAt,
                   confirmed_at AS ConfirmedAt, time_zone AS TimeZone
            FROM subscribers
            """);

        Assert.Equal(23, row.SendHour);
        Assert.True(row.Flag);
        Assert.Equal(new DateOnly(2026, 5, 31), row.LocalDate);
        Assert.Equal(new DateTime(2026, 6, 1, 5, 0, 0, DateTimeKind.Utc), row.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, row.CreatedAt.Kind);
        Assert.Null(row.ConfirmedAt);
        Assert.Equal("Europe/Berlin", row.TimeZone);
    }

    [Fact]
    public async Task Aggregates_read_into_int_and_bool_whatever_type_the_database_gives_them()
    {
        await using var connection = await test.Database.OpenAsync();
        var counted = await connection.QuerySingleAsync<Counted>("SELECT COUNT(*) AS Count, COUNT(*) = 0 AS Any FROM subscribers");

        Assert.Equal(new Counted(0, true), counted);
    }

    [Fact]
    public async Task An_integer_too_large_for_int_throws_instead_of_wrapping()
    {
        await using var connection = await test.Database.OpenAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => connection.QuerySingleAsync<Counted>("SELECT 3000000000 AS Count, 1 = 1 AS Any"));
    }
}
