using System.Text;

namespace Newsletter.Subscriptions;

/// <summary>
/// Reads RFC 4180 CSV. Fields are separated by commas and records by CRLF, LF or a lone CR; a field in double
/// quotes may hold commas, line breaks and doubled quotes (<c>""</c> for one <c>"</c>). A leading byte order
/// mark, blank lines (nothing but spaces or tabs) and a final line break are ignored. Every record carries the
/// physical line it starts on, counting blank lines and the lines inside quoted fields, so it matches what an
/// editor shows. A malformed record (text after a closing quote, a quote that is never closed) comes back with
/// an error instead of fields: the reader never throws, and one bad record does not hide the ones after it.
/// </summary>
public static class CsvReader
{
    private const char Quote = '"';
    private const char Separator = ',';
    private const char ByteOrderMark = '\uFEFF';

    public static IEnumerable<CsvRecord> Read(string text)
    {
        var position = text.Length > 0 && text[0] == ByteOrderMark ? 1 : 0;
        var line = 1;
        var field = new StringBuilder();
        while (position < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var quoted = false;
            string? error = null;
            while (true)
            {
                if (position < text.Length && text[position] == Quote)
                {
                    quoted = true;
                    field.Clear();
                    if (!ReadQuoted(text, ref position, ref line, field))
                    {
                        error = $"The quoted field that starts on line {start} is never closed.";
                        break;
                    }

                    fields.Add(field.ToString());
                    if (position < text.Length && text[position] == Separator)
                    {
                        position++;
                        continue;
                    }

                    if (position < text.Length && !IsLineBreak(text[position]))
                    {
                        error = "A quoted field must end at a comma or at the end of the line; double a quote inside it (\"\").";
                        while (position < text.Length && !IsLineBreak(text[position]))
                        {
                            position++;
                        }
                    }
                }
                else
                {
                    var from = position;
                    while (position < text.Length && text[position] != Separator && !IsLineBreak(text[position]))
                    {
                        position++;
                    }

                    fields.Add(text[from..position]);
                    if (position < text.Length && text[position] == Separator)
                    {
                        position++;
                        continue;
                    }
                }

                SkipLineBreak(text, ref position, ref line);
                break;
            }

            if (error is not null)
            {
                yield return new CsvRecord(start, [], error);
            }
            else if (quoted || fields.Count > 1 || !string.IsNullOrWhiteSpace(fields[0]))
            {
                yield return new CsvRecord(start, fields);
            }
        }
    }

    /// <summary>Reads a quoted field from its opening quote to just past its closing one; false when it never closes.</summary>
    private static bool ReadQuoted(string text, ref int position, ref int line, StringBuilder field)
    {
        position++;
        while (position < text.Length)
        {
            var c = text[position];
            if (c == Quote)
            {
                if (position + 1 < text.Length && text[position + 1] == Quote)
                {
                    field.Append(Quote);
                    position += 2;
                    continue;
                }

                position++;
                return true;
            }

            if (c == '\n' || (c == '\r' && (position + 1 == text.Length || text[position + 1] != '\n')))
            {
                line++;
            }

            field.Append(c);
            position++;
        }

        return false;
    }

    private static void SkipLineBreak(string text, ref int position, ref int line)
    {
        if (position >= text.Length)
        {
            return;
        }

        position += text[position] == '\r' && position + 1 < text.Length && text[position + 1] == '\n' ? 2 : 1;
        line++;
    }

    private static bool IsLineBreak(char c) => c is '\r' or '\n';
}
