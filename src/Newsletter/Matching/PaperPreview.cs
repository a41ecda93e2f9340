using Dapper;
using Newsletter.Data;

namespace Newsletter.Matching;

/// <summary>
/// What a digest with these keywords would hold from the papers first seen since a time, ranked exactly as
/// digests are: the live preview of the subscribe and manage pages.
/// </summary>
public sealed class PaperPreview(IDatabase database, KeywordMatcher matcher, TimeProvider clock)
{
    public sealed record Result(int Total, IReadOnlyList<Item> Papers);

    /// <param name="Snippet">HTML: the abstract around the matches, encoded, with the matched terms in &lt;mark&gt;.</param>
    public sealed record Item(string Id, string Title, int Score, IReadOnlyList<string> Matched, string Snippet);

    public async Task<Result> PreviewAsync(IReadOnlyList<string> keywords, DateTime since, int limit, CancellationToken cancellationToken = default)
    {
        var queries = keywords.Select(KeywordQuery.Parse).ToList();
        await using var connection = await database.OpenAsync(cancellationToken);
        var matches = await matcher.MatchAsync(connection, queries, since, clock.GetUtcNow().UtcDateTime);
        var ids = matches.Values.Where(m => !m.Keyword.Excludes).SelectMany(m => m.Papers.Keys).Distinct().ToArray();
        var facts = (await connection.QueryAsync<(long Id, string PublicId, string Title, int Upvotes)>(
                "SELECT id, COALESCE(arxiv_id, paper_key), title, COALESCE(upvotes, 0) FROM papers WHERE id IN @ids", new { ids }))
            .ToDictionary(f => f.Id);

        var ranked = PaperRanker.Rank(queries, matches, id => facts[id].Upvotes, _ => true, int.MaxValue);
        var top = ranked.Take(limit).ToList();
        var anyOf = await matcher.AnyOfAsync(connection, queries);
        var snippets = anyOf is null ? [] : await SqliteFullTextIndex.SnippetsAsync(connection, anyOf, top.Select(r => r.PaperId).ToList());
        return new Result(ranked.Count, top.Select(r => new Item(
            facts[r.PaperId].PublicId, facts[r.PaperId].Title, r.Score, r.Matched, snippets.GetValueOrDefault(r.PaperId, ""))).ToList());
    }
}
