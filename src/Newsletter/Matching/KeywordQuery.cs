namespace Newsletter.Matching;

/// <summary>
/// What a subscriber's keyword means for matching: the words to find as a phrase, and whether it is an
/// exclusion (written with a leading minus, e.g. <c>-survey</c>). Quotes, operators and punctuation are
/// literal text: only the words count, so no keyword can change the query's syntax.
/// </summary>
public sealed record KeywordQuery(string Original, IReadOnlyList<string> Words, bool Excludes)
{
    /// <summary>One entry per distinct meaning: <c>Self-Supervised</c> and <c>self supervised</c> share a key.</summary>
    public string Key => (Excludes ? "-" : "") + string.Join(' ', Words);

    /// <summary>False for a keyword with no letters or digits at all (e.g. <c>"</c> or <c>*</c>); it matches nothing.</summary>
    public bool IsSearchable => Words.Count > 0;

    public static KeywordQuery Parse(string keyword)
    {
        var trimmed = keyword.Trim();
        var excludes = trimmed.Length > 1 && trimmed[0] == '-' && char.IsLetterOrDigit(trimmed[1]);
        var text = excludes ? trimmed[1..] : trimmed;
        return new KeywordQuery(keyword, SearchText.Words(text).Select(w => w.ToLowerInvariant()).ToArray(), excludes);
    }
}
