using System.Numerics.Tensors;
using Newsletter.Matching;

namespace Newsletter.Taste;

/// <summary>
/// What one reader's votes say, as vectors: the papers they asked more of and less of. Re-ranking is vector
/// arithmetic over a digest's candidates (a few hundred at most), so it costs nothing next to sending.
/// </summary>
public sealed class ReaderTaste(IReadOnlyList<float[]> liked, IReadOnlyList<float[]> disliked)
{
    /// <summary>How much taste moves a paper: a paper very like a liked one gains as much as half a keyword.</summary>
    public const int Weight = PaperRanker.RelatedMatch;

    /// <summary>The least cosine to a liked paper for the "Related to papers you liked" section.</summary>
    public const float RelatedFloor = 0.65f;

    public static readonly ReaderTaste None = new([], []);

    public bool IsEmpty => liked.Count == 0 && disliked.Count == 0;

    /// <summary>The papers voted on: never shown again as "related to papers you liked".</summary>
    public IReadOnlySet<long> Voted { get; init; } = new HashSet<long>();

    public bool HasLikes => liked.Count > 0;

    /// <summary>
    /// The votes of the <see cref="Neighbours"/> voted papers nearest this one (+1 more, −1 less), weighted by how
    /// close each is: in [−1, 1], 0 with no votes. Nearest neighbours rather than a centroid, because a reader's
    /// likes span several topics and a centroid of two topics is neither.
    /// </summary>
    public float Preference(float[] vector)
    {
        var nearest = liked.Select(v => (Similarity: TensorPrimitives.Dot(v, vector), Vote: 1f))
            .Concat(disliked.Select(v => (Similarity: TensorPrimitives.Dot(v, vector), Vote: -1f)))
            .OrderByDescending(n => n.Similarity).Take(Neighbours).ToList();
        var weight = nearest.Sum(n => Math.Max(n.Similarity, 0f) * Math.Max(n.Similarity, 0f));
        return weight <= 0 ? 0 : nearest.Sum(n => Math.Max(n.Similarity, 0f) * Math.Max(n.Similarity, 0f) * n.Vote) / weight;
    }

    public const int Neighbours = 5;

    /// <summary>A paper matched by meaning only whose neighbours' votes lean this far toward "less" is left out.</summary>
    public const float DislikeMargin = 0.5f;

    /// <summary>
    /// The ranked candidates re-ordered by score plus taste, cut to <paramref name="max"/>. A paper matched by
    /// meaning only (the uncertain kind) whose neighbours' votes lean toward "less" by <see cref="DislikeMargin"/> is
    /// left out. Taste never hides a keyword: every keyword with a candidate keeps
    /// its best one in the cut, whatever the votes.
    /// </summary>
    public List<PaperRanker.RankedPaper> Rerank(IReadOnlyList<PaperRanker.RankedPaper> ranked, IReadOnlyDictionary<long, float[]> vectors, int max)
    {
        if (IsEmpty)
        {
            return ranked.Take(max).ToList();
        }

        var scored = ranked
            .Select((paper, position) => (Paper: paper, Position: position,
                Preference: vectors.TryGetValue(paper.PaperId, out var vector) ? Preference(vector) : 0f))
            .ToList();
        var order = scored
            .OrderByDescending(p => p.Paper.Score + Weight * p.Preference).ThenBy(p => p.Position)
            .Select(p => p.Paper).ToList();
        var unwanted = scored.Where(p => p.Paper.Matched.Count == 0 && p.Preference <= -DislikeMargin).Select(p => p.Paper).ToHashSet();
        var kept = order.Where(p => !unwanted.Contains(p)).Take(max).ToList();
        foreach (var keyword in ranked.SelectMany(p => p.Matched.Concat(p.Related)).Distinct())
        {
            if (kept.Any(p => p.Matched.Contains(keyword) || p.Related.Contains(keyword)))
            {
                continue;
            }

            var best = order.First(p => p.Matched.Contains(keyword) || p.Related.Contains(keyword));
            if (kept.Count < max)
            {
                kept.Add(best);
            }
            else
            {
                kept[^1] = best; // the weakest kept paper makes room
            }

            kept = kept.OrderBy(order.IndexOf).ToList();
        }

        return kept;
    }

    /// <summary>
    /// Up to <paramref name="count"/> papers of the window like the liked ones (cosine at least
    /// <see cref="RelatedFloor"/> to one of them), closest first, none of them <paramref name="excluded"/>
    /// (matched already, sent before, or voted on) and none closer to a disliked paper than to a liked one.
    /// </summary>
    public List<long> RelatedToLiked(IReadOnlyDictionary<long, float[]> window, Func<long, bool> excluded, int count)
    {
        if (!HasLikes || count <= 0)
        {
            return [];
        }

        return window
            .Where(p => !excluded(p.Key))
            .Select(p => (Id: p.Key, Like: Nearest(liked, p.Value), Dislike: Nearest(disliked, p.Value)))
            .Where(p => p.Like >= RelatedFloor && p.Like > p.Dislike)
            .OrderByDescending(p => p.Like).ThenByDescending(p => p.Id)
            .Take(count).Select(p => p.Id).ToList();
    }

    private static float Nearest(IReadOnlyList<float[]> papers, float[] vector)
    {
        var best = 0f;
        foreach (var paper in papers)
        {
            best = Math.Max(best, TensorPrimitives.Dot(paper, vector));
        }

        return best;
    }
}
