namespace Newsletter.Matching;

/// <summary>
/// The papers one keyword matched in a window: <see cref="Papers"/> by its words, each with whether the match is in
/// its title; <see cref="Related"/> by meaning only (not by words), each with how far above the window it scored.
/// </summary>
public sealed record KeywordMatches(KeywordQuery Keyword, IReadOnlyDictionary<long, bool> Papers)
{
    public static readonly IReadOnlyDictionary<long, bool> None = new Dictionary<long, bool>();

    public IReadOnlyDictionary<long, float> Related { get; init; } = new Dictionary<long, float>();

    /// <summary>Every paper it matched, either way.</summary>
    public IEnumerable<long> All => Papers.Keys.Concat(Related.Keys);

    public bool Matches(long paperId) => Papers.ContainsKey(paperId) || Related.ContainsKey(paperId);
}
