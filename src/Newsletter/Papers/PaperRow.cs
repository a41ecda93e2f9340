using System.Globalization;
using System.Text.Json;

namespace Newsletter.Papers;

/// <summary>A <c>papers</c> row as Dapper reads it (lists as JSON text, dates as text), and its conversion.</summary>
internal sealed class PaperRow
{
    public const string Columns = """
        id AS Id, paper_key AS PaperKey, arxiv_id AS ArxivId, title AS Title, abstract AS Abstract, authors AS Authors,
        ai_keywords AS AiKeywords, published_at AS PublishedAt, feed_date AS FeedDate, upvotes AS Upvotes,
        github_repo AS GithubRepo, project_page AS ProjectPage, thumbnail AS Thumbnail, sources AS Sources,
        first_seen_at AS FirstSeenAt, updated_at AS UpdatedAt
        """;

    public long Id { get; set; }
    public string PaperKey { get; set; } = "";
    public string? ArxivId { get; set; }
    public string Title { get; set; } = "";
    public string Abstract { get; set; } = "";
    public string Authors { get; set; } = "[]";
    public string AiKeywords { get; set; } = "[]";
    public DateTime? PublishedAt { get; set; }
    public string? FeedDate { get; set; }
    public int? Upvotes { get; set; }
    public string? GithubRepo { get; set; }
    public string? ProjectPage { get; set; }
    public string? Thumbnail { get; set; }
    public string Sources { get; set; } = "";
    public DateTime FirstSeenAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public Paper ToPaper() => new()
    {
        Id = Id,
        Key = PaperKey,
        ArxivId = ArxivId,
        Title = Title,
        Abstract = Abstract,
        Authors = ReadList(Authors),
        AiKeywords = ReadList(AiKeywords),
        PublishedAt = PublishedAt,
        FeedDate = FeedDate is null ? null : DateOnly.ParseExact(FeedDate, DateFormat, CultureInfo.InvariantCulture),
        Upvotes = Upvotes,
        GithubRepo = GithubRepo,
        ProjectPage = ProjectPage,
        Thumbnail = Thumbnail,
        Sources = Sources.Split(',', StringSplitOptions.RemoveEmptyEntries),
        FirstSeenAt = FirstSeenAt,
        UpdatedAt = UpdatedAt,
    };

    public const string DateFormat = "yyyy-MM-dd";

    public static string? WriteDate(DateOnly? date) => date?.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static string WriteList(IReadOnlyList<string> values) => JsonSerializer.Serialize(values);

    public static IReadOnlyList<string> ReadList(string json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<string[]>(json) ?? [];
}
