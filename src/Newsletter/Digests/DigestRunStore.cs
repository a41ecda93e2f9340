using System.Data.Common;
using Dapper;
using Newsletter.Data;

namespace Newsletter.Digests;

/// <summary>SQL for digest runs: creating them, reading them, and the report counted from digests and the outbox.</summary>
public sealed class DigestRunStore(IDatabase database)
{
    private const string Columns = """
        id, kind, status, since, window_end AS WindowEnd, subscribers, batches, error, created_at AS CreatedAt, completed_at AS CompletedAt
        """;

    public Task<long> CreateAsync(DbConnection connection, DbTransaction transaction, string kind, DateTime? since, DateTime windowEnd, DateTime now) =>
        connection.ExecuteScalarAsync<long>("""
            INSERT INTO digest_runs (kind, status, since, window_end, created_at) VALUES (@kind, 'preparing', @since, @windowEnd, @now)
            RETURNING id
            """, new { kind, since, windowEnd, now }, transaction);

    public async Task<DigestRun?> GetAsync(long id, DbConnection? connection = null, DbTransaction? transaction = null)
    {
        if (connection is not null)
        {
            return await connection.QuerySingleOrDefaultAsync<DigestRun>($"SELECT {Columns} FROM digest_runs WHERE id = @id", new { id }, transaction);
        }

        await using var own = await database.OpenAsync();
        return await own.QuerySingleOrDefaultAsync<DigestRun>($"SELECT {Columns} FROM digest_runs WHERE id = @id", new { id });
    }

    public async Task MarkFailedAsync(long id, string error, DateTime now)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE digest_runs SET status = 'failed', error = @error, completed_at = @now WHERE id = @id", new { id, error, now });
    }

    public async Task<DigestRunReport?> ReportAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var run = await GetAsync(id, connection);
        if (run is null)
        {
            return null;
        }

        var digests = (await connection.QueryAsync<(bool Built, int Count)>(
            "SELECT paper_count > 0, COUNT(*) FROM digests WHERE run_id = @id GROUP BY paper_count > 0", new { id }))
            .ToDictionary(d => d.Built, d => d.Count);
        var outbox = (await connection.QueryAsync<(string Status, int Count)>("""
            SELECT o.status, COUNT(*) FROM outbox o JOIN digests d ON d.id = o.digest_id
            WHERE d.run_id = @id GROUP BY o.status
            """, new { id })).ToDictionary(o => o.Status, o => o.Count);

        var unfinished = outbox.GetValueOrDefault("pending") + outbox.GetValueOrDefault("sending");
        var status = run.Status switch
        {
            "failed" => "failed",
            "built" when unfinished == 0 => "completed",
            _ => "running",
        };
        return new DigestRunReport(id, status, run.Subscribers, digests.GetValueOrDefault(true), digests.GetValueOrDefault(false),
            outbox.GetValueOrDefault("sent"), outbox.GetValueOrDefault("failed"), run.Kind, run.CreatedAt, run.Error);
    }

    /// <summary>The latest runs' reports, newest first.</summary>
    public async Task<IReadOnlyList<DigestRunReport>> RecentAsync(int limit, CancellationToken cancellationToken = default)
    {
        List<long> ids;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            ids = (await connection.QueryAsync<long>("SELECT id FROM digest_runs ORDER BY id DESC LIMIT @limit", new { limit })).ToList();
        }

        var reports = new List<DigestRunReport>(ids.Count);
        foreach (var id in ids)
        {
            reports.Add((await ReportAsync(id, cancellationToken))!);
        }

        return reports;
    }

    /// <summary>Up to when the schedule has looked for due subscribers; null before its first firing.</summary>
    public async Task<DateTime?> ScheduleCoveredUntilAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<DateTime?>("SELECT covered_until FROM digest_schedule WHERE id = 1");
    }
}
