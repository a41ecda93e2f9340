using System.Globalization;
using Dapper;
using Newsletter.Data;

namespace Newsletter.Papers;

/// <summary>
/// Browses papers one day at a time, as the daily papers page does. A paper's day is its feed date, or the date
/// it was first seen when no feed named one (the same rule as <see cref="PaperStore.ListAsync"/>). Within a day
/// the most upvoted come first, then the order the feed listed them in.
/// </summary>
public sealed class PaperDays(IDatabase database)
{
    /// <summary>No day shows more than this many papers.</summary>
    public const int MaxPapersPerDay = 500;

    private const string Day = "COALESCE(feed_date, substr(first_seen_at, 1, 10))";

    /// <summary>The most recent day with papers, or null when there are none.</summary>
    public async Task<DateOnly?> LatestAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return Read(await connection.ExecuteScalarAsync<string?>($"SELECT MAX({Day}) FROM papers"));
    }

    /// <summary>The papers of <paramref name="date"/> (possibly none) and the nearest earlier and later days that have papers.</summary>
    public async Task<PaperDay> GetAsync(DateOnly date, CancellationToken cancellationToken = default)
    {
        var day = PaperRow.WriteDate(date);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PaperRow>(
            $"SELECT {PaperRow.Columns} FROM papers WHERE {Day} = @day ORDER BY COALESCE(upvotes, -1) DESC, id LIMIT @limit",
            new { day, limit = MaxPapersPerDay });
        var previous = await connection.ExecuteScalarAsync<string?>($"SELECT MAX({Day}) FROM papers WHERE {Day} < @day", new { day });
        var next = await connection.ExecuteScalarAsync<string?>($"SELECT MIN({Day}) FROM papers WHERE {Day} > @day", new { day });
        return new PaperDay(date, rows.Select(r => r.ToPaper()).ToList(), Read(previous), Read(next));
    }

    private static DateOnly? Read(string? text) =>
        DateOnly.TryParseExact(text, PaperRow.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}

/// <summary>One day's papers, with the neighbouring days that have papers (null at either end).</summary>
public sealed record PaperDay(DateOnly Date, IReadOnlyList<Paper> Papers, DateOnly? Previous, DateOnly? Next);
