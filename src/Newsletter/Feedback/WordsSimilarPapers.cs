using Dapper;
using Newsletter.Data;
using Newsletter.Matching;

namespace Newsletter.Feedback;

/// <summary>
/// Similar papers by the words of the title: each word of the paper's title (and the parts of its compound words,
/// "TinySAM" → "Tiny", "SAM") is matched like a keyword, synonyms and acronym expansions included, through the
/// database's full-text index (<see cref="KeywordMatcher"/>). A paper scores each word's rarity (log N/df) for
/// every word it shares, twice when the word is in its own title; the highest scores win, newer papers first
/// among equals. Only the latest <see cref="Window"/> papers are candidates, which bounds the cost of a page view.
/// </summary>
public sealed class WordsSimilarPapers(IDatabase database, KeywordMatcher matcher) : ISimilarPapers
{
    /// <summary>At most this many title words are matched (one full-text query each).</summary>
    public const int MaxWords = 12;

    /// <summary>Candidates are the latest papers by id, at most this many.</summary>
    public const int Window = 20_000;

    private static readonly HashSet<string> Stopwords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "and", "for", "with", "from", "via", "into", "onto", "over", "under", "using", "based", "towards",
        "toward", "through", "without", "within", "beyond", "its", "our", "are", "can", "how", "what", "when", "why",
        "not", "all", "any", "new", "more", "less", "than", "your", "you", "one", "two", "does", "versus", "their",
    };

    public async Task<IReadOnlyList<SimilarPaper>> FindAsync(long paperId, int count, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var title = await connection.QuerySingleOrDefaultAsync<string>("SELECT title FROM papers WHERE id = @paperId", new { paperId });
        var words = title is null || count <= 0 ? [] : Words(title).Select(KeywordQuery.Parse).ToList();
        if (words.Count == 0)
        {
            return [];
        }

        var minPaperId = Math.Max(1, await connection.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(id), 0) FROM papers") - Window + 1);
        var total = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM papers WHERE id >= @minPaperId", new { minPaperId });
        var index = FullTextIndex.Of(connection);
        var scores = new Dictionary<long, double>();
        foreach (var expression in (await matcher.ExpressionsAsync(connection, words)).Values)
        {
            var matched = await index.MatchAsync(connection, expression, minPaperId);
            var rarity = Math.Log((double)total / Math.Max(1, matched.Count));
            foreach (var (id, inTitle) in matched)
            {
                if (id != paperId)
                {
                    scores[id] = scores.GetValueOrDefault(id) + rarity * (inTitle ? 2 : 1);
                }
            }
        }

        var best = scores.Where(s => s.Value > 0).OrderByDescending(s => s.Value).ThenByDescending(s => s.Key).Take(count).Select(s => s.Key).ToList();
        var papers = await FeedbackPapers.ReadAsync(connection, best);
        return best.Where(papers.ContainsKey).Select(id => new SimilarPaper(id, papers[id].Title, papers[id].Url)).ToList();
    }

    /// <summary>The title's distinctive words, lower-cased: no stopwords, no bare numbers, nothing shorter than three letters but acronyms ("3D", "RL").</summary>
    internal static IEnumerable<string> Words(string title) =>
        SearchText.Words(title).Concat(SearchText.Words(SearchText.CompoundParts(title)))
            .Where(w => (w.Length >= 3 || IsAcronym(w)) && !w.All(char.IsDigit) && !Stopwords.Contains(w))
            .Select(w => w.ToLowerInvariant())
            .Distinct()
            .Take(MaxWords);

    private static bool IsAcronym(string word) => word.Length >= 2 && word.Any(char.IsLetter) && !word.Any(char.IsLower);
}
