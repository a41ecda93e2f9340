using System.Data.Common;
using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;

namespace Newsletter.Matching;

/// <summary>
/// SQLite-only: queries the FTS5 index <c>papers_fts</c>. Every keyword becomes quoted phrases built from its
/// words alone (letters and digits), so nothing a subscriber types can reach FTS5's query syntax.
/// </summary>
public static class SqliteFullTextIndex
{
    private const char MarkStart = '\u0002';
    private const char MarkEnd = '\u0003';

    /// <summary>The FTS5 expression for a phrase and its alternatives: <c>("sam" OR "segment anything model")</c>.</summary>
    public static string Expression(string phrase, IEnumerable<string> alternatives) =>
        "(" + string.Join(" OR ", new[] { phrase }.Concat(alternatives).Select(Quote)) + ")";

    /// <summary>The papers with id ≥ <paramref name="minPaperId"/> matching <paramref name="expression"/>, and whether in the title.</summary>
    public static async Task<Dictionary<long, bool>> MatchAsync(DbConnection connection, string expression, long minPaperId, DbTransaction? transaction = null)
    {
        var all = await connection.QueryAsync<long>(
            "SELECT rowid FROM papers_fts WHERE papers_fts MATCH @expression AND rowid >= @minPaperId",
            new { expression, minPaperId }, transaction);
        var inTitle = (await connection.QueryAsync<long>(
            "SELECT rowid FROM papers_fts WHERE papers_fts MATCH @expression AND rowid >= @minPaperId",
            new { expression = "{title title_parts} : " + expression, minPaperId }, transaction)).ToHashSet();
        return all.ToDictionary(id => id, inTitle.Contains);
    }

    /// <summary>
    /// About <paramref name="tokens"/> words of each paper's abstract around what <paramref name="expression"/>
    /// matched, as HTML: the text encoded, the matched terms in &lt;mark&gt;.
    /// </summary>
    public static async Task<Dictionary<long, string>> SnippetsAsync(DbConnection connection, string expression, IReadOnlyCollection<long> paperIds, int tokens = 48)
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
        return rows.ToDictionary(r => r.Id, r => MarkedHtml(r.Snippet));
    }

    /// <summary>Encodes text for HTML and turns FTS5's match markers into &lt;mark&gt; elements.</summary>
    public static string MarkedHtml(string marked)
    {
        var html = new StringBuilder(marked.Length + 32);
        var start = 0;
        for (var i = 0; i < marked.Length; i++)
        {
            if (marked[i] is MarkStart or MarkEnd)
            {
                html.Append(WebUtility.HtmlEncode(marked[start..i])).Append(marked[i] == MarkStart ? "<mark>" : "</mark>");
                start = i + 1;
            }
        }

        return html.Append(WebUtility.HtmlEncode(marked[start..])).ToString();
    }

    private static string Quote(string phrase) => "\"" + phrase.Replace("\"", "\"\"") + "\"";
}
