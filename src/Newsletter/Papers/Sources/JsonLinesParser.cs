using System.Text.Json;

namespace Newsletter.Papers.Sources;

/// <summary>
/// Reads JSON Lines archives of arXiv listings (one paper object per line: id, title, summary, authors,
/// categories…, as daily arXiv crawls keep them). Each line is read like a Daily Papers item; a line that is not
/// JSON fails the whole file (imports are all or nothing), a line without a title is skipped and reported, and a
/// paper listed twice (cross-listed in two categories) is one paper.
/// </summary>
public static class JsonLinesParser
{
    public const string SourceName = "arxiv";

    public static PaperBatch Parse(ReadOnlyMemory<byte> content)
    {
        var papers = new List<IncomingPaper>();
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rest = content;
        for (var line = 1; !rest.IsEmpty; line++)
        {
            var end = rest.Span.IndexOf((byte)'\n');
            var text = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            if (text.Span.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            using var document = ParseLine(text, line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"Line {line}: not an object; skipped.");
                continue;
            }

            if (HuggingFaceJsonParser.ReadItem(document.RootElement, $"Line {line}", SourceName, null, errors) is { } paper
                && (paper.ArxivId is null || seen.Add(paper.ArxivId)))
            {
                papers.Add(paper);
            }
        }

        return new PaperBatch(papers, errors);
    }

    private static JsonDocument ParseLine(ReadOnlyMemory<byte> text, int line)
    {
        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException exception)
        {
            throw new PaperFormatException($"Malformed JSON at line {line}, byte {(exception.BytePositionInLine ?? 0) + 1}.", exception);
        }
    }
}
