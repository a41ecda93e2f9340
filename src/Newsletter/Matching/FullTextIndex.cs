using System.Data.Common;
using System.Net;
using System.Text;
using Npgsql;

namespace Newsletter.Matching;

/// <summary>Picks the full-text index of a connection's database, and what both share.</summary>
public static class FullTextIndex
{
    /// <summary>Snippets come back from either database with matches between these two control characters.</summary>
    public const char MarkStart = '\u0002';

    public const char MarkEnd = '\u0003';

    private static readonly IFullTextIndex Sqlite = new SqliteFullTextIndex();
    private static readonly IFullTextIndex Postgres = new PostgresFullTextIndex();

    public static IFullTextIndex Of(DbConnection connection) => connection is NpgsqlConnection ? Postgres : Sqlite;

    /// <summary>Encodes text for HTML and turns the match markers into &lt;mark&gt; elements.</summary>
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
}
