using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Newsletter.Data;

namespace Newsletter.Benchmarks;

/// <summary>The application's own services on a fresh data directory, with hosted services not started.</summary>
public sealed class BenchmarkHost : IAsyncDisposable
{
    private readonly IHost host;

    private BenchmarkHost(IHost host, string dataDirectory)
    {
        this.host = host;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }
    public IServiceProvider Services => host.Services;

    public static async Task<BenchmarkHost> StartAsync(Action<IServiceCollection> configure, Dictionary<string, string?>? settings = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "newsletter-bench", Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Newsletter:DataDirectory"] = dataDirectory,
            ["Newsletter:PublicBaseUrl"] = "https://papers.example.test",
            ["Newsletter:FromAddress"] = "digest@papers.example.test",
        }.Concat(settings ?? []));
        builder.AddNewsletter();
        configure(builder.Services);
        var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        return new BenchmarkHost(host, dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Task.Yield();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
