using System.Text;
using Newsletter.Papers.Sources;

namespace Newsletter.Papers;

/// <summary>Imports a file in any of the three formats: parse all of it first, then store all of it or nothing.</summary>
public sealed class PaperImporter(PaperStore store, TimeProvider clock)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Throws <see cref="PaperFormatException"/> (saying where) when the file cannot be read; then nothing is stored.</summary>
    public async Task<PaperImportResult> ImportAsync(ReadOnlyMemory<byte> content, PaperFormat? format, CancellationToken cancellationToken = default)
    {
        var batch = Parse(content, format ?? PaperFormats.Detect(content.Span));
        return await store.SaveAsync(batch, cancellationToken);
    }

    public PaperBatch Parse(ReadOnlyMemory<byte> content, PaperFormat format) => format switch
    {
        PaperFormat.HuggingFaceJson => HuggingFaceJsonParser.Parse(content),
        PaperFormat.ArxivAtom => ArxivAtomParser.Parse(new MemoryStream(content.ToArray(), writable: false)),
        PaperFormat.JsonLines => JsonLinesParser.Parse(content),
        _ => DailyPapersTextParser.Parse(DecodeText(content.Span), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)),
    };

    private static string DecodeText(ReadOnlySpan<byte> content)
    {
        try
        {
            return StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException exception)
        {
            throw new PaperFormatException($"The text is not valid UTF-8 (byte {exception.Index + 1}).", exception);
        }
    }
}
