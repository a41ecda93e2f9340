using System.Globalization;
using System.Text.Json;

namespace Newsletter.Papers.Sources;

/// <summary>
/// Reads a Hugging Face Daily Papers API response: a JSON array of items, each with a <c>paper</c> object
/// (id, title, summary, authors, publishedAt, submittedOnDailyAt, upvotes, ai_keywords, githubRepo, projectPage)
/// and, beside it, title, summary, publishedAt and thumbnail. Unknown fields and fields of unexpected types
/// are ignored; an item without a title is skipped and reported.
/// </summary>
public static class HuggingFaceJsonParser
{
    public const string SourceName = "huggingface";

    public static PaperBatch Parse(ReadOnlyMemory<byte> json, DateOnly? feedDate = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException exception)
        {
            throw new PaperFormatException(
                $"Malformed JSON at line {(exception.LineNumber ?? 0) + 1}, byte {(exception.BytePositionInLine ?? 0) + 1}.", exception);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new PaperFormatException("Expected a JSON array of daily papers at line 1.");
            }

            var papers = new List<IncomingPaper>();
            var errors = new List<string>();
            var index = 0;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                index++;
                if (item.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"Item {index}: not an object; skipped.");
                    continue;
                }

                if (ReadItem(item, $"Item {index}", SourceName, feedDate, errors) is { } read)
                {
                    papers.Add(read);
                }
            }

            return new PaperBatch(papers, errors);
        }
    }

    /// <summary>
    /// One paper object: a Daily Papers item (<c>{paper: {...}, ...}</c>) or a flat record with the same field
    /// names (id, title, summary, authors as strings or objects), as JSON Lines archives of arXiv listings hold.
    /// Null, with the reason in <paramref name="errors"/>, when it has no title.
    /// </summary>
    internal static IncomingPaper? ReadItem(JsonElement item, string label, string source, DateOnly? feedDate, List<string> errors)
    {
        var paper = item.TryGetProperty("paper", out var p) && p.ValueKind == JsonValueKind.Object ? p : item;
        var title = PaperTitles.Tidy(String(paper, "title") ?? String(item, "title"));
        var arxivId = ArxivIds.Normalize(String(paper, "id"));
        if (title.Length == 0)
        {
            errors.Add($"{label}{(arxivId is null ? "" : $" ({arxivId})")}: no title; skipped.");
            return null;
        }

        return new IncomingPaper
        {
            Source = source,
            ArxivId = arxivId,
            Title = title,
            Abstract = PaperTitles.Tidy(String(paper, "summary") ?? String(item, "summary")),
            Authors = Authors(paper),
            AiKeywords = Strings(paper, "ai_keywords"),
            PublishedAt = Date(paper, "publishedAt") ?? Date(item, "publishedAt"),
            FeedDate = Date(paper, "submittedOnDailyAt") is { } submitted ? DateOnly.FromDateTime(submitted) : feedDate,
            Upvotes = paper.TryGetProperty("upvotes", out var up) && up.ValueKind == JsonValueKind.Number && up.TryGetInt32(out var votes) ? Math.Max(0, votes) : null,
            GithubRepo = PaperLinks.SafeUrl(String(paper, "githubRepo")),
            ProjectPage = PaperLinks.SafeUrl(String(paper, "projectPage")),
            Thumbnail = PaperLinks.SafeUrl(String(item, "thumbnail")),
        };
    }

    private static string? String(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null; // invalid UTF-8 inside the string
        }
    }

    private static DateTime? Date(JsonElement element, string name) =>
        DateTime.TryParse(String(element, name), CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value) ? value : null;

    private static IReadOnlyList<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String)
                .Select(v => PaperTitles.Tidy(v.GetString())).Where(v => v.Length > 0).Distinct().ToArray()
            : [];

    private static IReadOnlyList<string> Authors(JsonElement paper) =>
        paper.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array
            ? authors.EnumerateArray()
                .Select(a => a.ValueKind == JsonValueKind.Object ? String(a, "name") : a.ValueKind == JsonValueKind.String ? a.GetString() : null)
                .Select(PaperTitles.Tidy).Where(n => n.Length > 0).ToArray()
            : [];
}
