using System.Data.Common;
using System.Text.Json;
using Dapper;

namespace Newsletter.Matching;

/// <summary>
/// PostgreSQL: the generated <c>papers.search</c> tsvector (the <c>english</c> configuration) under a GIN index.
/// A keyword becomes <c>to_tsquery</c> phrases of quoted words: <c>('sam' | 'segment' &lt;-&gt; 'anything' &lt;-&gt; 'model')</c>;
/// the title's lexemes carry weight A, so <c>ts_filter(search, '{a}')</c> tells a match in the title.
/// </summary>
public sealed class PostgresFullTextIndex : IFullTextIndex
{
    private const string Options = "StartSel=\u0002, StopSel=\u0003, MaxFragments=1, FragmentDelimiter=\" … \", ShortWord=1";

    public string Expression(string phrase, IEnumerable<string> alternatives) =>
        "(" + string.Join(" | ", new[] { phrase }.Concat(alternatives).Select(Phrase)) + ")";

    public string AnyOf(IEnumerable<string> expressions) => string.Join(" | ", expressions);

    public async Task<Dictionary<long, bool>> MatchAsync(DbConnection connection, string expression, long minPaperId, DbTransaction? transaction = null)
    {
        var rows = await connection.QueryAsync<(long Id, bool InTitle)>("""
            SELECT id, ts_filter(search, '{a}') @@ q
            FROM papers, to_tsquery('english', @expression) q
            WHERE search @@ q AND id >= @minPaperId
            """,
            new { expression, minPaperId }, transaction);
        return rows.ToDictionary(r => r.Id, r => r.InTitle);
    }

    public async Task<Dictionary<long, string>> SnippetsAsync(DbConnection connection, string expression, IReadOnlyCollection<long> paperIds, int tokens = 48)
    {
        if (paperIds.Count == 0)
        {
            return [];
        }

        var rows = await connection.QueryAsync<(long Id, string Abstract, string Snippet)>("""
            SELECT id, abstract, ts_headline('english', translate(abstract, '<>', @brackets), q, @options)
            FROM papers, to_tsquery('english', @expression) q
            WHERE id IN (SELECT value::bigint FROM json_array_elements_text(@ids::json)) AND search @@ q
            """,
            new
            {
                expression,
                ids = JsonSerializer.Serialize(paperIds),
                brackets = Brackets,
                options = $"{Options}, MaxWords={tokens}, MinWords={Math.Max(1, tokens / 2)}",
            });
        return rows.ToDictionary(r => r.Id, r => FullTextIndex.MarkedHtml(Elided(r.Abstract, Unbracketed(r.Snippet))));
    }

    /// <summary>
    /// ts_headline drops what looks like an HTML tag (<c>&lt;script&gt;</c>) from its output; the abstract is plain
    /// text, so its angle brackets travel as two control characters and come back afterwards.
    /// </summary>
    private const string Brackets = "\u0001\u0004";

    private static string Unbracketed(string snippet) => snippet.Replace('\u0001', '<').Replace('\u0004', '>');

    /// <summary>An ellipsis where the snippet cuts the abstract, as FTS5's snippet() writes them.</summary>
    private static string Elided(string text, string snippet)
    {
        var plain = snippet.Replace(FullTextIndex.MarkStart.ToString(), "").Replace(FullTextIndex.MarkEnd.ToString(), "").Trim();
        var trimmed = text.Trim();
        var head = trimmed.StartsWith(plain.Split(' ')[0], StringComparison.Ordinal) ? "" : "…";
        var tail = trimmed.EndsWith(plain.Split(' ')[^1], StringComparison.Ordinal) ? "" : "…";
        return head + snippet.Trim() + tail;
    }

    /// <summary>Each word quoted, so to_tsquery reads it as one term to stem, never as an operator.</summary>
    private static string Phrase(string phrase) =>
        string.Join(" <-> ", phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => "'" + w.Replace("'", "''") + "'"));
}
