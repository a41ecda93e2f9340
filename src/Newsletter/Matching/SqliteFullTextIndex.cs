using System.Data.Common;
using System.Text.Json;
using Dapper;

namespace Newsletter.Matching;

/// <summary>
/// SQLite: the FTS5 index <c>papers_fts</c> (porter stemming), kept in step with papers by triggers. A keyword
/// becomes quoted FTS5 phrases: <c>("sam" OR "segment anything model")</c>.
/// </summary>
public sealed class SqliteFullTextIndex : IFullTextIndex
{
    public string Expression(string phrase, IEnumerable<string> alternatives) =>
        "(" + string.Join(" OR ", new[] { phrase }.Concat(alternatives).Select(Quote)) + ")";

    public string AnyOf(IEnumerable<string> expressions) => string.Join(" OR ", expressions);

    public async Task<Dictionary<long, bool>> MatchAsync(DbConnection connection, string expression, long minPaperId, DbTransaction? transaction = null)
    {
        var all = await connection.QueryAsync<long>(
            "SELECT rowid FROM papers_fts WHERE papers_fts MATCH @expression AND rowid >= @minPaperId",
            new { expression, minPaperId }, transaction);
        var inTitle = (await connection.QueryAsync<long>(
            "SELECT rowid FROM papers_fts WHERE papers_fts MATCH @expression AND rowid >= @minPaperId",
            new { expression = "{title title_parts} : " + expression, minPaperId }, transaction)).ToHashSet();
        return all.ToDictionary(id => id, inTitle.Contains);
    }

    public async Task<Dictionary<long, string>> SnippetsAsync(DbConnection connection, string expression, IReadOnlyCollection<long> paperIds, int tokens = 48)
    {
        if (paperIds.Count == 0)
        {
            return [];
        }

        // "rowid IN (list)" would make SQLite run the whole MATCH once per id; instead the MATCH runs once over the
        // ids' range, and the list (the unary + keeps it out of the index) filters rows before snippet() runs.
        var rows = await connection.QueryAsync<(long Id, string Snippet)>("""
            SELECT rowid, snippet(papers_fts, 1, char(2), char(3), '…', @tokens) FROM papers_fts
            WHERE papers_fts MATCH @expression AND rowid BETWEEN @min AND @max AND +rowid IN (SELECT value FROM json_each(@ids))
            """,
            new { expression, min = paperIds.Min(), max = paperIds.Max(), ids = JsonSerializer.Serialize(paperIds), tokens });
        return rows.ToDictionary(r => r.Id, r => FullTextIndex.MarkedHtml(r.Snippet));
    }

    private static string Quote(string phrase) => "\"" + phrase.Replace("\"", "\"\"") + "\"";
}
