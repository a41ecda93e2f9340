namespace Newsletter.Papers;

/// <summary>How a paper is shortened for a list, the same on the web pages and in emails.</summary>
public static class PaperText
{
    public const int MaxAuthors = 3;

    /// <summary>"A, B, C et al." for more than <see cref="MaxAuthors"/> authors; empty for none.</summary>
    public static string ShortAuthors(IReadOnlyList<string> authors) =>
        authors.Count <= MaxAuthors ? string.Join(", ", authors) : string.Join(", ", authors.Take(MaxAuthors)) + " et al.";

    /// <summary>The start of <paramref name="text"/>, cut at a word boundary within <paramref name="maxLength"/> characters, with "…" when cut.</summary>
    public static string Opening(string text, int maxLength)
    {
        text = text.Trim();
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', maxLength);
        return text[..(cut > maxLength / 2 ? cut : maxLength)].TrimEnd(',', ';', ':', '.', ' ') + "…";
    }
}
