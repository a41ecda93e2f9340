namespace Newsletter.Subscriptions;

/// <summary>
/// Validates and tidies a subscriber's keyword list: 1 to 20 keywords, none blank or over 100 characters,
/// trimmed, duplicates removed case-insensitively keeping the first spelling.
/// </summary>
public static class KeywordRules
{
    public const int MaxKeywords = 20;
    public const int MaxLength = 100;

    /// <summary>Returns the tidy list, or null with <paramref name="error"/> saying what is wrong.</summary>
    public static IReadOnlyList<string>? Normalize(IReadOnlyList<string?>? keywords, out string? error)
    {
        if (keywords is null || keywords.Count == 0)
        {
            error = "Give at least one keyword.";
            return null;
        }

        if (keywords.Count > MaxKeywords)
        {
            error = $"Give at most {MaxKeywords} keywords.";
            return null;
        }

        var result = new List<string>(keywords.Count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in keywords)
        {
            var keyword = raw?.Trim();
            if (string.IsNullOrEmpty(keyword))
            {
                error = "Keywords cannot be empty.";
                return null;
            }

            if (keyword.Length > MaxLength)
            {
                error = $"A keyword has at most {MaxLength} characters.";
                return null;
            }

            if (keyword.Any(c => char.IsControl(c)))
            {
                error = "Keywords cannot contain line breaks or control characters.";
                return null;
            }

            if (seen.Add(keyword))
            {
                result.Add(keyword);
            }
        }

        error = null;
        return result;
    }

    /// <summary>Splits free text such as <c>"diffusion, SAM"</c> into keywords (commas and new lines separate).</summary>
    public static IReadOnlyList<string?> SplitFreeText(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split([',', '\n', '\r'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
