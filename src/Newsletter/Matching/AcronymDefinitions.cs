using System.Text.RegularExpressions;

namespace Newsletter.Matching;

/// <summary>
/// Learns acronym definitions from the papers' own text, such as "sparse Mixture-of-Experts (MoE)" or
/// "large language models (LLMs)", with the Schwartz–Hearst rule: every letter of the acronym appears, in
/// order, in the words just before the parenthesis, and its first letter starts a word.
/// </summary>
public static partial class AcronymDefinitions
{
    /// <summary>An acronym and its expansion, both as <see cref="SearchText.Key"/>s (lower case, single spaces).</summary>
    public readonly record struct Definition(string Acronym, string Expansion);

    public static IEnumerable<Definition> Find(string text)
    {
        foreach (Match match in Parenthesised().Matches(text))
        {
            var shortForm = match.Groups["short"].Value;
            if (shortForm.Count(char.IsUpper) < 2)
            {
                continue; // "(e.g)", "(Ours)": not acronyms
            }

            var singular = shortForm.EndsWith('s') && char.IsUpper(shortForm[^2]) ? shortForm[..^1] : shortForm;
            var before = text[..match.Index];
            var words = before.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var window = string.Join(' ', words.TakeLast(Math.Min(singular.Length + 5, singular.Length * 2)));
            var longForm = LongForm(singular, window);
            if (longForm is null)
            {
                continue;
            }

            var expansion = Singular(SearchText.Key(longForm));
            if (expansion.Contains(' ') && expansion.Length > singular.Length)
            {
                yield return new Definition(singular.ToLowerInvariant(), expansion);
            }
        }
    }

    /// <summary>Drops a plural "s" from the last word, so "large language models" and "...model" are one expansion.</summary>
    public static string Singular(string key) =>
        key.Length > 4 && key.EndsWith('s') && !key.EndsWith("ss", StringComparison.Ordinal) ? key[..^1] : key;

    private static string? LongForm(string shortForm, string candidate)
    {
        var s = shortForm.Length - 1;
        var l = candidate.Length - 1;
        while (s >= 0)
        {
            var c = char.ToLowerInvariant(shortForm[s]);
            if (!char.IsLetterOrDigit(c))
            {
                s--;
                continue;
            }

            while (l >= 0 && (char.ToLowerInvariant(candidate[l]) != c || (s == 0 && l > 0 && char.IsLetterOrDigit(candidate[l - 1]))))
            {
                l--;
            }

            if (l < 0)
            {
                return null;
            }

            l--;
            s--;
        }

        var start = candidate.LastIndexOf(' ', Math.Max(l, 0)) + 1;
        return candidate[start..];
    }

    [GeneratedRegex(@"\((?<short>[A-Za-z][A-Za-z0-9\-]{1,9})\)")]
    private static partial Regex Parenthesised();
}
