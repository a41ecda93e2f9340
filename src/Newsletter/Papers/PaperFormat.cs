namespace Newsletter.Papers;

/// <summary>The formats papers arrive in.</summary>
public enum PaperFormat
{
    /// <summary>A copy of a daily papers page: date line, then title / blank / abstract / blank.</summary>
    Text,
    /// <summary>A Hugging Face Daily Papers API response.</summary>
    HuggingFaceJson,
    /// <summary>An arXiv export API Atom feed.</summary>
    ArxivAtom,
    /// <summary>JSON Lines: one paper object per line (archives of daily arXiv listings).</summary>
    JsonLines,
}

/// <summary>Names and detection of <see cref="PaperFormat"/>.</summary>
public static class PaperFormats
{
    public static bool TryParse(string? name, out PaperFormat format)
    {
        (var ok, format) = name?.Trim().ToLowerInvariant() switch
        {
            "text" => (true, PaperFormat.Text),
            "hf-json" => (true, PaperFormat.HuggingFaceJson),
            "arxiv-atom" => (true, PaperFormat.ArxivAtom),
            "jsonl" => (true, PaperFormat.JsonLines),
            _ => (false, PaperFormat.Text),
        };
        return ok;
    }

    /// <summary>A JSON array starts with [, JSON Lines with {, XML with &lt;; anything else is read as the text listing.</summary>
    public static PaperFormat Detect(ReadOnlySpan<byte> content)
    {
        var text = content.StartsWith("\uFEFF"u8) ? content[3..] : content;
        foreach (var b in text)
        {
            switch (b)
            {
                case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                    continue;
                case (byte)'[':
                    return PaperFormat.HuggingFaceJson;
                case (byte)'{':
                    return PaperFormat.JsonLines;
                case (byte)'<':
                    return PaperFormat.ArxivAtom;
                default:
                    return PaperFormat.Text;
            }
        }

        return PaperFormat.Text;
    }
}
