using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Microsoft.Extensions.Options;
using Newsletter.Embeddings;

namespace Newsletter.Matching;

/// <summary>
/// Matches a keyword by meaning: the papers of a window whose embedding is close to the keyword's (its phrase,
/// with the expansions papers gave an acronym) and far above the window's typical paper for it. Both gates count:
/// each keyword's cosines sit at their own level, so a paper must stand <see cref="Tuning.Threshold"/> standard
/// deviations above the window's mean for that keyword; and a window with nothing on the topic still has outliers,
/// so its cosine must also reach <see cref="Tuning.Floor"/>. Both were calibrated on half of the labelled listings
/// and checked on the other half (the README's relevance figures). Moving the keyword toward the centroid of its
/// word matches was measured too, and lowered F1; it is not done. An acronym with no known expansion and almost
/// no word match has no meaning to go on and matches nothing by meaning.
/// </summary>
public sealed class SemanticMatcher(SentenceEmbedder embedder, IOptions<SemanticOptions> options)
{
    /// <summary>The knobs the relevance benchmark calibrates; <see cref="Default"/> is what the product uses.</summary>
    /// <param name="Threshold">Standard deviations above the window's mean score for the keyword.</param>
    /// <param name="Floor">The least cosine between paper and keyword.</param>
    /// <param name="MinWindow">Fewer papers with vectors than this and the window's statistics mean nothing: words only.</param>
    public sealed record Tuning(double Threshold, double Floor, int MinWindow)
    {
        public const double DefaultFloor = 0.35;

        public static Tuning Default(SemanticOptions options) => new(options.Threshold, DefaultFloor, 20);
    }

    private readonly ConcurrentDictionary<string, float[]> phraseVectors = new(StringComparer.Ordinal);

    public bool Enabled => options.Value.Enabled;

    /// <summary>
    /// The papers matched by meaning and not by words, with their z-score. <paramref name="vectors"/> are the
    /// window's papers that have a vector; <paramref name="wordMatches"/> what the keyword's words matched.
    /// </summary>
    public IReadOnlyDictionary<long, float> Related(
        KeywordQuery keyword, IReadOnlyList<string> alternatives, IReadOnlyDictionary<long, float[]> vectors,
        IReadOnlyCollection<long> wordMatches, Tuning? tuning = null)
    {
        var knobs = tuning ?? Tuning.Default(options.Value);
        if (keyword.Excludes || !keyword.IsSearchable || vectors.Count < knobs.MinWindow)
        {
            return Empty;
        }

        var phrase = string.Join(' ', keyword.Words);
        var matched = wordMatches.Where(vectors.ContainsKey).ToList();
        if (LooksLikeAcronym(keyword) && alternatives.Count == 0 && matched.Count < 2)
        {
            return Empty;
        }

        var query = QueryVector(phrase, alternatives);
        var ids = new long[vectors.Count];
        var scores = new float[vectors.Count];
        var i = 0;
        foreach (var (id, vector) in vectors)
        {
            ids[i] = id;
            scores[i++] = TensorPrimitives.Dot(vector, query);
        }

        var mean = TensorPrimitives.Sum<float>(scores) / scores.Length;
        var deviation = MathF.Sqrt(Math.Max(TensorPrimitives.SumOfSquares<float>(scores) / scores.Length - mean * mean, 1e-12f));
        var exclude = wordMatches as IReadOnlySet<long> ?? wordMatches.ToHashSet();
        var related = new Dictionary<long, float>();
        for (var j = 0; j < ids.Length; j++)
        {
            var z = (scores[j] - mean) / deviation;
            if (z >= knobs.Threshold && scores[j] >= knobs.Floor && !exclude.Contains(ids[j]))
            {
                related[ids[j]] = z;
            }
        }

        return related;
    }

    /// <summary>The phrase's vector with its expansions' ("SAM" with "segment anything model"), normalised.</summary>
    private float[] QueryVector(string phrase, IReadOnlyList<string> alternatives)
    {
        var query = new float[SentenceEmbedder.Dimensions];
        foreach (var text in alternatives.Prepend(phrase))
        {
            TensorPrimitives.Add(query, PhraseVector(text), query);
        }

        Normalize(query);
        return query;
    }

    private float[] PhraseVector(string text) => phraseVectors.GetOrAdd(text, t => embedder.Embed(t));

    private static void Normalize(float[] vector) =>
        TensorPrimitives.Divide(vector, Math.Max(TensorPrimitives.Norm(vector), 1e-12f), vector);

    /// <summary>One short word written in capitals, as the subscriber typed it ("SAM", "RAG", "LoRA").</summary>
    private static bool LooksLikeAcronym(KeywordQuery keyword) =>
        keyword.Words.Count == 1 && keyword.Original.Trim().Length <= 6 && keyword.Original.Count(char.IsUpper) >= 2;

    private static readonly IReadOnlyDictionary<long, float> Empty = new Dictionary<long, float>();
}
