using System.Globalization;
using System.Text.RegularExpressions;

namespace Newsletter.Papers.Sources;

/// <summary>
/// Reads a copy of a daily papers page: optional page-chrome lines, a date line such as <c>Mar 14</c>
/// (without a year it is the most recent such date not in the future), then for each paper a title line,
/// a blank line, an abstract paragraph and a blank line.
/// </summary>
public static partial class DailyPapersTextParser
{
    public const string SourceName = "text";

    /// <summary>A date line must appear within this many non-blank lines; after that it is not this format.</summary>
    private const int MaxChromeLines = 40;

    /// <summary>Titles are one line; a paragraph longer than this is an abstract, never a title.</summary>
    private const int MaxTitleLength = 400;

    public static PaperBatch Parse(string text, DateOnly today)
    {
        var lines = text.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n');
        var (feedDate, start) = FindDateLine(lines, today);
        var paragraphs = Paragraphs(lines, start);

        var papers = new List<IncomingPaper>();
        var errors = new List<string>();
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var (line, title) = paragraphs[i];
            if (title.Length > MaxTitleLength)
            {
                errors.Add($"Line {line}: a paragraph of {title.Length} characters where a title was expected; skipped.");
                continue;
            }

            // The next paragraph is this title's abstract unless it reads as a title itself (the abstract is missing).
            var abstractText = "";
            if (i + 1 < paragraphs.Count && !LooksLikeTitle(paragraphs[i + 1].Text))
            {
                abstractText = paragraphs[++i].Text;
            }

            papers.Add(new IncomingPaper { Source = SourceName, Title = title, Abstract = abstractText, FeedDate = feedDate });
        }

        return new PaperBatch(papers, errors);
    }

    /// <summary>Titles are short and do not end with a full stop; abstracts are sentences.</summary>
    private static bool LooksLikeTitle(string text) => text.Length < 250 && !text.EndsWith('.');

    private static (DateOnly Date, int NextLine) FindDateLine(string[] lines, DateOnly today)
    {
        var seen = 0;
        for (var i = 0; i < lines.Length && seen < MaxChromeLines; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            seen++;
            var match = DateLine().Match(line);
            if (match.Success && TryDate(match, today, out var date))
            {
                return (date, i + 1);
            }
        }

        throw new PaperFormatException($"No date line such as \"Mar 14\" in the first {MaxChromeLines} lines; is this a daily papers listing?");
    }

    private static bool TryDate(Match match, DateOnly today, out DateOnly date)
    {
        date = default;
        var month = DateTime.ParseExact(match.Groups["month"].Value[..3], "MMM", CultureInfo.InvariantCulture).Month;
        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        if (match.Groups["year"].Success)
        {
            return DateOnly.TryParse($"{match.Groups["year"].Value}-{month:D2}-{day:D2}", CultureInfo.InvariantCulture, out date);
        }

        // The most recent such date not in the future (Feb 29 looks back to the last leap year).
        for (var year = today.Year; year > today.Year - 8; year--)
        {
            if (day <= DateTime.DaysInMonth(year, month) && new DateOnly(year, month, day) <= today)
            {
                date = new DateOnly(year, month, day);
                return true;
            }
        }

        return false;
    }

    private static List<(int Line, string Text)> Paragraphs(string[] lines, int start)
    {
        var paragraphs = new List<(int, string)>();
        var current = new List<string>();
        var firstLine = 0;
        for (var i = start; i <= lines.Length; i++)
        {
            var line = i < lines.Length ? lines[i].Trim() : "";
            if (line.Length > 0)
            {
                if (current.Count == 0)
                {
                    firstLine = i + 1;
                }

                current.Add(line);
            }
            else if (current.Count > 0)
            {
                paragraphs.Add((firstLine, PaperTitles.Tidy(string.Join(' ', current))));
                current.Clear();
            }
        }

        return paragraphs;
    }

    [GeneratedRegex(@"^(?<month>Jan(uary)?|Feb(ruary)?|Mar(ch)?|Apr(il)?|May|June?|July?|Aug(ust)?|Sep(t(ember)?)?|Oct(ober)?|Nov(ember)?|Dec(ember)?)\.?\s+(?<day>\d{1,2})(,?\s+(?<year>\d{4}))?$", RegexOptions.IgnoreCase)]
    private static partial Regex DateLine();
}
