namespace Newsletter.Matching;

/// <summary>The papers one keyword matched in a window, each with whether the match is in its title.</summary>
public sealed record KeywordMatches(KeywordQuery Keyword, IReadOnlyDictionary<long, bool> Papers)
{
    public static readonly IReadOnlyDictionary<long, bool> None = new Dictionary<long, bool>();
}
