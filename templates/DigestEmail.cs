namespace Newsletter.Templates;

/// <summary>
/// A digest: the subscriber's new papers, ranked; then, for a reader who voted "more like this", up to a few papers
/// that match none of their keywords but sit close to papers they liked (<see cref="SimilarToLiked"/>).
/// </summary>
public sealed record DigestEmail(
    string Subject,
    string Preheader,
    IReadOnlyList<DigestEmailPaper> Papers,
    IReadOnlyList<string> Keywords,
    EmailFooter Footer) : IEmailModel
{
    public IReadOnlyList<DigestEmailPaper> SimilarToLiked { get; init; } = [];
}

/// <summary>
/// One paper in a digest. <see cref="SnippetHtml"/> is already safe HTML (text encoded, matches in &lt;mark&gt;);
/// every other value is plain text that the template encodes. <see cref="MoreUrl"/> and <see cref="LessUrl"/> are
/// the subscriber's own "More like this" / "Less like this" links (absent: no feedback links).
/// </summary>
public sealed record DigestEmailPaper(
    string Title,
    string Url,
    string Authors,
    string SnippetHtml,
    string SnippetText,
    IReadOnlyList<string> Matched,
    int? Upvotes,
    string? ArxivUrl,
    string? PdfUrl,
    string? CodeUrl,
    IReadOnlyList<string> Related,
    string? MoreUrl = null,
    string? LessUrl = null)
{
    /// <summary>Why the paper is here: "diffusion, SAM", "related to model compression", or both.</summary>
    public string Why => string.Join(" · ", new[]
    {
        Matched.Count == 0 ? null : string.Join(", ", Matched),
        Related.Count == 0 ? null : "related to " + string.Join(", ", Related),
    }.OfType<string>());
}
