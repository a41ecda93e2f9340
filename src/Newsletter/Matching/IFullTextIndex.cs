using System.Data.Common;

namespace Newsletter.Matching;

/// <summary>
/// The database's own full-text search over papers: SQLite FTS5 (<see cref="SqliteFullTextIndex"/>) or
/// PostgreSQL text search (<see cref="PostgresFullTextIndex"/>). Expressions are built from a keyword's words
/// alone (letters and digits), so nothing a subscriber types reaches either query language.
/// </summary>
public interface IFullTextIndex
{
    /// <summary>The expression matching a phrase or any of its alternatives (each a sequence of lower-case words).</summary>
    string Expression(string phrase, IEnumerable<string> alternatives);

    /// <summary>The expression matching any of these expressions.</summary>
    string AnyOf(IEnumerable<string> expressions);

    /// <summary>The papers with id ≥ <paramref name="minPaperId"/> matching <paramref name="expression"/>, and whether in the title.</summary>
    Task<Dictionary<long, bool>> MatchAsync(DbConnection connection, string expression, long minPaperId, DbTransaction? transaction = null);

    /// <summary>
    /// About <paramref name="tokens"/> words of each paper's abstract around what <paramref name="expression"/>
    /// matched, as HTML: the text encoded, the matched terms in &lt;mark&gt;.
    /// </summary>
    Task<Dictionary<long, string>> SnippetsAsync(DbConnection connection, string expression, IReadOnlyCollection<long> paperIds, int tokens = 48);
}
