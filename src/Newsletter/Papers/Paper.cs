namespace Newsletter.Papers;

/// <summary>A paper as stored: one row whatever the number of sources that told us about it.</summary>
public sealed record Paper
{
    public required long Id { get; init; }
    /// <summary>The public, stable id: the arXiv id when known at first sight, otherwise derived from the title.</summary>
    public required string Key { get; init; }
    public string? ArxivId { get; init; }
    public required string Title { get; init; }
    public required string Abstract { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public IReadOnlyList<string> AiKeywords { get; init; } = [];
    public DateTime? PublishedAt { get; init; }
    public DateOnly? FeedDate { get; init; }
    public int? Upvotes { get; init; }
    public string? GithubRepo { get; init; }
    public string? ProjectPage { get; init; }
    public string? Thumbnail { get; init; }
    public IReadOnlyList<string> Sources { get; init; } = [];
    public required DateTime FirstSeenAt { get; init; }
    public required DateTime UpdatedAt { get; init; }

    /// <summary>The id to show: the arXiv id once one is attached.</summary>
    public string PublicId => ArxivId ?? Key;

    public PaperLinks Links => PaperLinks.For(this);

    /// <summary>
    /// Where a link on the paper's title goes: its Hugging Face page, else arXiv, its project or its code, else an
    /// arXiv search for its title. Always an absolute http(s) URL.
    /// </summary>
    public string PrimaryUrl
    {
        get
        {
            var links = Links;
            return links.Page ?? links.Arxiv ?? links.Project ?? links.Code
                ?? $"https://arxiv.org/search/?searchtype=title&query={Uri.EscapeDataString(Title)}";
        }
    }
}
