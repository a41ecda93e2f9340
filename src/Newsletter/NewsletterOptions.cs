using System.ComponentModel.DataAnnotations;

namespace Newsletter;

/// <summary>The <c>Newsletter</c> configuration section.</summary>
public sealed class NewsletterOptions
{
    public const string Section = "Newsletter";

    /// <summary>
    /// <c>sqlite</c> (the default: one file in the data directory, one instance) or <c>postgres</c>: the database
    /// named by <c>ConnectionStrings:Newsletter</c>, shared by every instance, with Hangfire in its own schema.
    /// </summary>
    [AllowedValues(NewsletterDatabase.Sqlite, NewsletterDatabase.Postgres, ErrorMessage = "Newsletter:Database must be sqlite or postgres.")]
    public string Database { get; set; } = NewsletterDatabase.Sqlite;

    /// <summary><c>all</c> (the default), <c>web</c> (HTTP only) or <c>worker</c> (background work only: jobs and sending).</summary>
    [AllowedValues(NewsletterRole.All, NewsletterRole.Web, NewsletterRole.Worker, ErrorMessage = "Newsletter:Role must be all, web or worker.")]
    public string Role { get; set; } = NewsletterRole.All;

    /// <summary>Holds the SQLite database, the Hangfire storage, the data-protection keys and the pickup outbox.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Absolute base of every link in every email. Defaults to the first ASPNETCORE_URLS address.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Admins send it as header <c>X-Api-Key</c>. Unset in Production means admin endpoints refuse everyone.</summary>
    public string? AdminApiKey { get; set; }

    [Required, EmailAddress]
    public string FromAddress { get; set; } = "newsletter@localhost.localdomain";

    [Required]
    public string FromName { get; set; } = "Newsletter";

    /// <summary>How long a confirmation link stays valid.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan ConfirmationTokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The data directory as an absolute path (relative paths resolve against the working directory).</summary>
    public string DataPath => Path.GetFullPath(DataDirectory);

    /// <summary>The domain of <see cref="FromAddress"/>, which names every Message-ID.</summary>
    public string MessageIdDomain => FromAddress[(FromAddress.LastIndexOf('@') + 1)..];

    public string OutboxPath => Path.Combine(DataPath, "outbox");
    /// <summary>
    /// Where the token-signing key and the data-protection keys live; empty means <c>{DataDirectory}/keys</c>.
    /// Every instance of one installation must see the same keys (a shared volume or a mounted secret).
    /// </summary>
    public string? KeysDirectory { get; set; }

    public string KeysPath => KeysPathOf(KeysDirectory, DataDirectory);

    /// <summary>The keys directory as an absolute path, from the two settings that decide it.</summary>
    public static string KeysPathOf(string? keysDirectory, string? dataDirectory) =>
        string.IsNullOrWhiteSpace(keysDirectory) ? Path.Combine(Path.GetFullPath(dataDirectory ?? "data"), "keys") : Path.GetFullPath(keysDirectory);
}
