namespace Newsletter.Matching;

/// <summary>
/// Ranks the papers a subscriber's keywords matched. A paper matching more of the keywords ranks higher; a
/// keyword matched by its words counts fully (title matches more than abstract ones), one matched only by meaning
/// counts half; Hugging Face upvotes break ties, then the newer paper. A paper matching any exclusion
/// (<c>-survey</c>, by its words) is dropped.
/// </summary>
public static class PaperRanker
{
    /// <summary>Per keyword: 3 for a title match, 1 otherwise; per matched keyword, 100, so coverage always wins.</summary>
    public const int PerKeyword = 100;
    public const int TitleMatch = 3;
    public const int OtherMatch = 1;

    /// <summary>A keyword matched by meaning only.</summary>
    public const int RelatedMatch = PerKeyword / 2;

    /// <summary>
    /// A ranked paper, its score, and the subscriber's keywords (their spelling) that matched it by their words
    /// (<paramref name="Matched"/>) and by meaning only (<paramref name="Related"/>).
    /// </summary>
    public sealed record RankedPaper(long PaperId, int Score, IReadOnlyList<string> Matched, IReadOnlyList<string> Related)
    {
        public RankedPaper(long paperId, int score, IReadOnlyList<string> matched) : this(paperId, score, matched, []) { }
    }

    /// <param name="keywords">The subscriber's keywords, parsed.</param>
    /// <param name="matches">Match sets by <see cref="KeywordQuery.Key"/>, from <see cref="KeywordMatcher"/>.</param>
    /// <param name="upvotes">Upvotes of a paper (0 when unknown).</param>
    /// <param name="eligible">False for papers outside this subscriber's window or already sent to them.</param>
    public static List<RankedPaper> Rank(
        IReadOnlyList<KeywordQuery> keywords,
        IReadOnlyDictionary<string, KeywordMatches> matches,
        Func<long, int> upvotes,
        Func<long, bool> eligible,
        int max)
    {
        var excluded = new HashSet<long>();
        var scores = new Dictionary<long, (int Score, List<string> Matched, List<string> Related)>();
        foreach (var keyword in keywords)
        {
            if (!matches.TryGetValue(keyword.Key, out var set))
            {
                continue;
            }

            foreach (var (paperId, inTitle) in set.Papers)
            {
                if (keyword.Excludes)
                {
                    excluded.Add(paperId);
                    continue;
                }

                if (!eligible(paperId))
                {
                    continue;
                }

                if (!scores.TryGetValue(paperId, out var entry))
                {
                    entry = (0, [], []);
                }

                if (!entry.Matched.Contains(keyword.Original))
                {
                    entry.Matched.Add(keyword.Original);
                    entry.Score += PerKeyword + (inTitle ? TitleMatch : OtherMatch);
                }

                scores[paperId] = entry;
            }

            if (keyword.Excludes)
            {
                continue;
            }

            foreach (var paperId in set.Related.Keys)
            {
                if (!eligible(paperId) || set.Papers.ContainsKey(paperId))
                {
                    continue;
                }

                if (!scores.TryGetValue(paperId, out var entry))
                {
                    entry = (0, [], []);
                }

                if (!entry.Related.Contains(keyword.Original) && !entry.Matched.Contains(keyword.Original))
                {
                    entry.Related.Add(keyword.Original);
                    entry.Score += RelatedMatch;
                }

                scores[paperId] = entry;
            }
        }

        return scores
            .Where(s => !excluded.Contains(s.Key))
            .OrderByDescending(s => s.Value.Score)
            .ThenByDescending(s => upvotes(s.Key))
            .ThenByDescending(s => s.Key)
            .Take(max)
            .Select(s => new RankedPaper(s.Key, s.Value.Score, s.Value.Matched, s.Value.Related))
            .ToList();
    }
}
