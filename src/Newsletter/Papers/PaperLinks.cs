namespace Newsletter.Papers;

/// <summary>Where to read a paper: its Hugging Face page, the arXiv abstract and PDF, and code or project pages.</summary>
public sealed record PaperLinks(string? Page, string? Arxiv, string? Pdf, string? Code, string? Project)
{
    public static PaperLinks For(Paper paper) => paper.ArxivId is { } id
        ? new PaperLinks(
            $"https://huggingface.co/papers/{Uri.EscapeDataString(id)}",
            $"https://arxiv.org/abs/{Uri.EscapeDataString(id)}",
            $"https://arxiv.org/pdf/{Uri.EscapeDataString(id)}",
            SafeUrl(paper.GithubRepo),
            SafeUrl(paper.ProjectPage))
        : new PaperLinks(null, null, null, SafeUrl(paper.GithubRepo), SafeUrl(paper.ProjectPage));

    /// <summary>Only absolute http(s) links leave the system; anything else (javascript:, data:) is dropped.</summary>
    public static string? SafeUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : null;
}
