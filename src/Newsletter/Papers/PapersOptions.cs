using System.ComponentModel.DataAnnotations;

namespace Newsletter.Papers;

/// <summary>The <c>Papers</c> configuration section: sources, their schedules, and HTTP behaviour.</summary>
public sealed class PapersOptions
{
    public const string Section = "Papers";

    /// <summary>The largest file <c>POST /api/admin/papers/import</c> accepts; larger gets 413.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxImportBytes { get; set; } = 20 * 1024 * 1024;

    [Required]
    public HuggingFaceSourceOptions HuggingFace { get; set; } = new();

    [Required]
    public ArxivSourceOptions Arxiv { get; set; } = new();

    [Required]
    public PaperHttpOptions Http { get; set; } = new();
}

public sealed class HuggingFaceSourceOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Where the Daily Papers API lives; tests and mirrors point it elsewhere.</summary>
    [Required, Url]
    public string BaseUrl { get; set; } = "https://huggingface.co";

    /// <summary>When the recurring fetch runs (cron, UTC).</summary>
    [Required]
    public string Cron { get; set; } = "0 6 * * *";

    /// <summary>A scheduled fetch reads today and this many days before it (late additions, fresh upvotes).</summary>
    [Range(0, 14)]
    public int DaysBack { get; set; } = 1;

    /// <summary>A guard against a server that never returns a short page.</summary>
    [Range(1, 1000)]
    public int MaxPages { get; set; } = 20;
}

public sealed class ArxivSourceOptions
{
    public bool Enabled { get; set; } = true;

    [Required, Url]
    public string BaseUrl { get; set; } = "https://export.arxiv.org";

    [Required, MinLength(1)]
    public string[] Categories { get; set; } = ["cs.CV", "cs.LG", "cs.CL", "cs.AI"];

    [Required]
    public string Cron { get; set; } = "0 1 * * *";

    /// <summary>How many of the newest submissions one fetch reads.</summary>
    [Range(1, 30000)]
    public int MaxResults { get; set; } = 500;

    [Range(1, 2000)]
    public int PageSize { get; set; } = 100;

    /// <summary>arXiv asks for at least 3 seconds between calls.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromSeconds(3);
}

public sealed class PaperHttpOptions
{
    /// <summary>Timeout of each attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries on 429, 5xx and network errors, with exponential backoff; Retry-After is honoured.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
