using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Newsletter.IntegrationTests.Infrastructure;

/// <summary>
/// The real application in-process (<see cref="WebApplicationFactory{Program}"/>) on a temporary data
/// directory, sending through a real SMTP server on loopback unless <c>smtpPort</c> is null (pickup directory).
/// It runs in the <c>Testing</c> environment unless told otherwise (the browser tests use <c>Development</c>).
/// </summary>
public sealed class NewsletterApp : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-0123456789";
    public const string BaseUrl = "https://papers.example.test";

    private readonly int? smtpPort;
    private readonly string environment;
    private readonly Dictionary<string, string?> settings;
    private readonly string? postgres;
    private readonly TimeProvider? clock;

    /// <param name="database"><c>sqlite</c> or <c>postgres</c> (a fresh database on the test cluster); by default
    /// the environment variable <c>NEWSLETTER_TEST_DATABASE</c>, else <c>sqlite</c>.</param>
    /// <param name="clock">Replaces the app's <see cref="TimeProvider"/> (e.g. a <see cref="ShiftedClock"/>).</param>
    public NewsletterApp(int? smtpPort, IDictionary<string, string?>? overrides = null, string environment = "Testing", string? database = null,
        TimeProvider? clock = null)
    {
        this.clock = clock;
        this.smtpPort = smtpPort;
        this.environment = environment;
        DataDirectory = Path.Combine(Path.GetTempPath(), "newsletter-tests", Guid.NewGuid().ToString("N"));
        settings = new Dictionary<string, string?>
        {
            ["Newsletter:DataDirectory"] = DataDirectory,
            ["Newsletter:PublicBaseUrl"] = BaseUrl,
            ["Newsletter:AdminApiKey"] = AdminKey,
            ["Newsletter:FromAddress"] = "digest@papers.example.test",
            ["Smtp:Host"] = smtpPort is null ? "" : "127.0.0.1",
            ["Smtp:Port"] = smtpPort?.ToString() ?? "25",
            ["Smtp:Security"] = "None",
            ["Delivery:RetryDelay"] = "00:00:00.200",
            ["Delivery:PollInterval"] = "00:00:00.100",
            ["urls"] = "http://127.0.0.1:0",
            // No test may reach the internet, even when a cron happens to fire during the run.
            ["Papers:HuggingFace:Enabled"] = "false",
            ["Papers:Arxiv:Enabled"] = "false",
            // Tests send far more requests per minute from 127.0.0.1 than a person; the limits have their own tests.
            ["RateLimiting:Enabled"] = "false",
            // Embedding every imported paper costs seconds of CPU per app; the tests of matching by meaning
            // (Matching/SemanticMatchingTests) turn it on.
            ["Matching:Semantic:Enabled"] = "false",
        };
        Database = database ?? Environment.GetEnvironmentVariable("NEWSLETTER_TEST_DATABASE") ?? "sqlite";
        if (Database == "postgres")
        {
            postgres = TestPostgres.CreateDatabase();
            settings["Newsletter:Database"] = "postgres";
            settings["ConnectionStrings:Newsletter"] = postgres;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        // Real Kestrel on a free loopback port, not the in-memory TestServer: request limits, headers and
        // connection handling are the ones production has.
        UseKestrel();
    }

    /// <summary>Where the app listens, once started.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First());
        }
    }

    /// <summary>A real HTTP client for the app, keeping cookies (for antiforgery) like a browser.</summary>
    public HttpClient HttpClient(bool followRedirects = true) =>
        new(new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = true }) { BaseAddress = Address };

    public string DataDirectory { get; }

    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    public string Database { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(settings));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        if (clock is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(clock));
        }
    }

    /// <summary>A connection to the app's own database (SQLite file or PostgreSQL database), for arranging faults.</summary>
    public Task<System.Data.Common.DbConnection> OpenDatabaseAsync() => Services.GetRequiredService<Newsletter.Data.IDatabase>().OpenAsync();

    /// <summary>Everything the app logged, at every level.</summary>
    public LogCapture Logs { get; } = new();

    public HttpClient CreateAdminClient()
    {
        var client = HttpClient(followRedirects: false);
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return client;
    }

    /// <summary>Turns an absolute link from an email into a path this in-process server answers.</summary>
    public static string PathOf(string absoluteUrl)
    {
        Assert.StartsWith(BaseUrl + "/", absoluteUrl);
        return absoluteUrl[BaseUrl.Length..];
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (postgres is not null)
        {
            TestPostgres.DropDatabase(postgres);
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
