namespace Newsletter.Matching;

/// <summary>The <c>Matching</c> configuration section.</summary>
public sealed class MatchingOptions
{
    public const string Section = "Matching";

    /// <summary>
    /// Extra synonyms, both ways: each key also matches each of its values and each value the key,
    /// e.g. <c>"LLM": ["large language model"]</c>. Acronyms the papers define are learned without this.
    /// </summary>
    public Dictionary<string, string[]> Synonyms { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
