using System.Text.RegularExpressions;

namespace Newsletter.Papers;

/// <summary>arXiv identifiers, without version suffix: <c>2403.08000</c> or the old style <c>cs/0112017</c>.</summary>
public static partial class ArxivIds
{
    /// <summary>The bare id from an id, a versioned id or an abs/pdf URL; null when it is not an arXiv id.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var match = IdPattern().Match(value.Trim());
        return match.Success ? match.Groups["id"].Value : null;
    }

    [GeneratedRegex(@"^(?:https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/)?(?<id>\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?(?:\.pdf)?$")]
    private static partial Regex IdPattern();
}
