using System.Security.Cryptography;
using System.Text;

namespace Newsletter.Papers;

/// <summary>Title normalisation for merging: the same title however it is cased, spaced or punctuated.</summary>
public static class PaperTitles
{
    /// <summary>Lower-cased letters and digits, single-spaced, Unicode-normalised (NFKC).</summary>
    public static string Key(string title)
    {
        var normalized = title.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var key = new StringBuilder(normalized.Length);
        var pendingSpace = false;
        foreach (var c in normalized)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && key.Length > 0)
                {
                    key.Append(' ');
                }

                key.Append(c);
                pendingSpace = false;
            }
            else
            {
                pendingSpace = true;
            }
        }

        return key.ToString();
    }

    /// <summary>A stable id for a paper known only by its title: <c>t-</c> and 16 hex digits of SHA-256 of its key.</summary>
    public static string SyntheticId(string titleKey) =>
        "t-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(titleKey)))[..16];

    /// <summary>Collapses the whitespace runs and line breaks feeds put inside titles and abstracts.</summary>
    public static string Tidy(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
