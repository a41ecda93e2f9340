using System.Text;

namespace Newsletter.Matching;

/// <summary>
/// Word-level text helpers shared by indexing and querying, so both sides cut words the same way
/// (runs of letters and digits, as SQLite's unicode61 tokenizer does).
/// </summary>
public static class SearchText
{
    /// <summary>The words of <paramref name="text"/>: maximal runs of letters and digits.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWordChar = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                yield return text[start..i];
                start = -1;
            }
        }
    }

    /// <summary>Lower-cased words joined by single spaces: the identity of a keyword or an expansion.</summary>
    public static string Key(string text) => string.Join(' ', Words(text).Select(w => w.ToLowerInvariant()));

    /// <summary>
    /// The parts of every compound word in <paramref name="text"/>, space-separated: "TinySAM" gives "Tiny SAM",
    /// "MobileSAMv2" gives "Mobile SAM v 2", "MedSAM" gives "Med SAM". Words that do not split give nothing.
    /// Indexed beside the text, these let an acronym match where it stands inside a compound, while the
    /// acronym itself stays a whole token ("SAM" never matches "same", "sample" or "Shampoo").
    /// </summary>
    public static string CompoundParts(string text)
    {
        var parts = new StringBuilder();
        foreach (var word in Words(text))
        {
            var previous = 0;
            for (var i = 1; i < word.Length; i++)
            {
                if (IsBoundary(word, i))
                {
                    parts.Append(word, previous, i - previous).Append(' ');
                    previous = i;
                }
            }

            if (previous > 0)
            {
                parts.Append(word, previous, word.Length - previous).Append(' ');
            }
        }

        return parts.ToString().TrimEnd();
    }

    private static bool IsBoundary(string word, int i)
    {
        char a = word[i - 1], b = word[i];
        if (char.IsDigit(a) != char.IsDigit(b))
        {
            return true; // SAM|2, v|2
        }

        if (char.IsLower(a) && char.IsUpper(b))
        {
            return true; // Tiny|SAM
        }

        if (char.IsUpper(a) && char.IsUpper(b))
        {
            return LowerRunLength(word, i + 1) >= 2; // XML|Parser
        }

        // SAM|v2, LLM|s: an upper-case run of two or more followed by a single lower-case letter.
        return char.IsUpper(a) && char.IsLower(b) && i >= 2 && char.IsUpper(word[i - 2]) && LowerRunLength(word, i) == 1;
    }

    private static int LowerRunLength(string word, int from)
    {
        var length = 0;
        while (from + length < word.Length && char.IsLower(word[from + length]))
        {
            length++;
        }

        return length;
    }
}
