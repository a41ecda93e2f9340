using System.Data.Common;
using Dapper;
using Newsletter.Embeddings;

namespace Newsletter.Matching;

/// <summary>
/// Matches each distinct keyword once against the papers first seen in a window. Digest runs call it with
/// every keyword of every subscriber in the run, then assemble each digest from these sets in memory.
/// </summary>
public sealed class KeywordMatcher(SynonymBook synonyms, SemanticMatcher semantic)
{
    /// <param name="tuning">The semantic side's knobs (the relevance benchmark's); by default the configured ones.</param>
    public async Task<IReadOnlyDictionary<string, KeywordMatches>> MatchAsync(
        DbConnection connection, IEnumerable<KeywordQuery> keywords, DateTime since, DateTime until, DbTransaction? transaction = null,
        SemanticMatcher.Tuning? tuning = null)
    {
        var distinct = keywords.DistinctBy(k => k.Key).ToList();
        var candidates = (await connection.QueryAsync<long>(
            "SELECT id FROM papers WHERE first_seen_at >= @since AND first_seen_at <= @until", new { since, until }, transaction)).ToHashSet();
        var result = new Dictionary<string, KeywordMatches>();
        if (candidates.Count == 0)
        {
            foreach (var keyword in distinct)
            {
                result[keyword.Key] = new KeywordMatches(keyword, KeywordMatches.None);
            }

            return result;
        }

        var minPaperId = candidates.Min();
        var alternatives = await synonyms.AlternativesAsync(connection, distinct, transaction);
        var expressions = Expressions(connection, distinct, alternatives);
        var vectors = semantic.Enabled && distinct.Any(k => !k.Excludes)
            ? await EmbeddingStore.LoadAsync(connection, candidates, transaction)
            : new Dictionary<long, float[]>();
        foreach (var keyword in distinct)
        {
            if (!expressions.TryGetValue(keyword.Key, out var expression))
            {
                result[keyword.Key] = new KeywordMatches(keyword, KeywordMatches.None);
                continue;
            }

            var matched = (await FullTextIndex.Of(connection).MatchAsync(connection, expression, minPaperId, transaction))
                .Where(m => candidates.Contains(m.Key)).ToDictionary(m => m.Key, m => m.Value);
            var phrase = string.Join(' ', keyword.Words);
            result[keyword.Key] = new KeywordMatches(keyword, matched)
            {
                Related = vectors.Count == 0
                    ? new Dictionary<long, float>()
                    : semantic.Related(keyword, alternatives.GetValueOrDefault(phrase) ?? [], vectors, matched.Keys, tuning),
            };
        }

        return result;
    }

    /// <summary>The FTS expression of each searchable keyword (by <see cref="KeywordQuery.Key"/>), synonyms included.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ExpressionsAsync(
        DbConnection connection, IReadOnlyCollection<KeywordQuery> keywords, DbTransaction? transaction = null) =>
        Expressions(connection, keywords, await synonyms.AlternativesAsync(connection, keywords, transaction));

    private static IReadOnlyDictionary<string, string> Expressions(
        DbConnection connection, IReadOnlyCollection<KeywordQuery> keywords, IReadOnlyDictionary<string, IReadOnlyList<string>> alternatives)
    {
        var index = FullTextIndex.Of(connection);
        return keywords.Where(k => k.IsSearchable).DistinctBy(k => k.Key).ToDictionary(k => k.Key, k =>
        {
            var phrase = string.Join(' ', k.Words);
            return index.Expression(phrase, alternatives.GetValueOrDefault(phrase) ?? []);
        });
    }

    /// <summary>The FTS expression matching any of the positive keywords, for snippets.</summary>
    public async Task<string?> AnyOfAsync(DbConnection connection, IEnumerable<KeywordQuery> keywords) =>
        (await AnyOfAsync(connection, [keywords.ToList()]))[0];

    /// <summary>
    /// For each set of keywords, the FTS expression matching any of its positive keywords (null for a set with
    /// none), with one synonym lookup for all the sets.
    /// </summary>
    public async Task<IReadOnlyList<string?>> AnyOfAsync(DbConnection connection, IReadOnlyList<IReadOnlyList<KeywordQuery>> sets)
    {
        var positive = sets.Select(set => set.Where(k => !k.Excludes && k.IsSearchable).DistinctBy(k => k.Key).ToList()).ToList();
        var all = positive.SelectMany(set => set).DistinctBy(k => k.Key).ToList();
        var expressions = all.Count == 0 ? new Dictionary<string, string>() : await ExpressionsAsync(connection, all);
        var index = FullTextIndex.Of(connection);
        return positive.Select(set => set.Count == 0 ? null : index.AnyOf(set.Select(k => expressions[k.Key]))).ToList();
    }
}
