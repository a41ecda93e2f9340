using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Newsletter.Papers.Sources;

/// <summary>
/// Reads an arXiv export API Atom feed. DTDs are refused outright and no external resource is ever
/// resolved, so entity tricks (XXE, billion laughs) cannot reach the file system or the memory limit.
/// </summary>
public static class ArxivAtomParser
{
    public const string SourceName = "arxiv";

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static PaperBatch Parse(Stream xml)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
        };

        XDocument document;
        try
        {
            using var reader = XmlReader.Create(xml, settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException exception) when (exception.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw new PaperFormatException("XML with a DTD (<!DOCTYPE ...>) is refused: entity declarations are never processed.", exception);
        }
        catch (XmlException exception)
        {
            throw new PaperFormatException($"Malformed XML at line {exception.LineNumber}, position {exception.LinePosition}: {exception.Message}", exception);
        }

        if (document.Root?.Name != Atom + "feed")
        {
            throw new PaperFormatException("Expected an Atom <feed> element at line 1.");
        }

        var papers = new List<IncomingPaper>();
        var errors = new List<string>();
        var index = 0;
        foreach (var entry in document.Root.Elements(Atom + "entry"))
        {
            index++;
            var arxivId = ArxivIds.Normalize(entry.Element(Atom + "id")?.Value);
            var title = PaperTitles.Tidy(entry.Element(Atom + "title")?.Value);
            if (title.Length == 0)
            {
                var line = ((IXmlLineInfo)entry).LineNumber;
                errors.Add($"Entry {index} (line {line}{(arxivId is null ? "" : $", {arxivId}")}): no title; skipped.");
                continue;
            }

            var published = Date(entry.Element(Atom + "published")?.Value);
            papers.Add(new IncomingPaper
            {
                Source = SourceName,
                ArxivId = arxivId,
                Title = title,
                Abstract = PaperTitles.Tidy(entry.Element(Atom + "summary")?.Value),
                Authors = entry.Elements(Atom + "author").Select(a => PaperTitles.Tidy(a.Element(Atom + "name")?.Value))
                    .Where(n => n.Length > 0).ToArray(),
                PublishedAt = published,
                FeedDate = published is { } p ? DateOnly.FromDateTime(p) : null,
                AiKeywords = [],
            });
        }

        return new PaperBatch(papers, errors);
    }

    private static DateTime? Date(string? value) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;
}
