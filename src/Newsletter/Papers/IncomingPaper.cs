namespace Newsletter.Papers;

/// <summary>What one source says about one paper. Null means "this source doesn't say".</summary>
public sealed record IncomingPaper
{
    public required string Source { get; init; }
    public string? ArxivId { get; init; }
    public required string Title { get; init; }
    public string? Abstract { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public IReadOnlyList<string> AiKeywords { get; init; } = [];
    public DateTime? PublishedAt { get; init; }
    public DateOnly? FeedDate { get; init; }
    public int? Upvotes { get; init; }
    public string? GithubRepo { get; init; }
    public string? ProjectPage { get; init; }
    public string? Thumbnail { get; init; }
}
