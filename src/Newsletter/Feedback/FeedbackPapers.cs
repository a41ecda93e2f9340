using System.Data.Common;
using System.Text.Json;
using Dapper;
using Newsletter.Data;
using Newsletter.Papers;

namespace Newsletter.Feedback;

/// <summary>Reads papers as the feedback pages show them.</summary>
internal static class FeedbackPapers
{
    /// <summary>The papers with these ids; ids that no longer exist are absent.</summary>
    public static async Task<IReadOnlyDictionary<long, FeedbackPaper>> ReadAsync(DbConnection connection, IEnumerable<long> ids, DbTransaction? transaction = null) =>
        (await connection.QueryAsync<PaperRow>(
            $"SELECT {PaperRow.Columns} FROM papers WHERE id IN ({connection.Dialect().Ids("@ids")})",
            new { ids = JsonSerializer.Serialize(ids.Distinct()) }, transaction))
        .Select(row => row.ToPaper())
        .ToDictionary(p => p.Id, p => new FeedbackPaper(p.Id, p.PublicId, p.Title, p.PrimaryUrl));
}
