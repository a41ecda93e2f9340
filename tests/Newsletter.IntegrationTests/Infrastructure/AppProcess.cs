using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Newsletter.IntegrationTests.Infrastructure;

/// <summary>
/// The application as a real child process (<c>dotnet Newsletter.Web.dll</c>), configured through environment
/// variables as an operator would, so a test can SIGKILL it and start it again on the same data directory.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output;

    private AppProcess(Process process, ConcurrentQueue<string> output, Uri address)
    {
        this.process = process;
        this.output = output;
        Address = address;
    }

    /// <summary>The log's errors: entries at level fail or crit (the console logger's prefixes), with the line after each.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            var lines = output.ToArray();
            return lines.Select((line, i) => (line, i)).Where(l => l.line.StartsWith("fail:") || l.line.StartsWith("crit:"))
                .Select(l => l.line + (l.i + 1 < lines.Length ? " " + lines[l.i + 1].Trim() : "")).ToList();
        }
    }

    public Uri Address { get; }

    /// <summary>The operating system's id of the process, as Hangfire's server ids and the outbox's claim owners show it.</summary>
    public int ProcessId => process.Id;

    /// <summary>What every instance sending through <paramref name="smtp"/> needs: the admin key, the links' base, the server.</summary>
    public static Dictionary<string, string> SendingTo(SmtpTestServer smtp, string adminKey) => new()
    {
        ["Newsletter__AdminApiKey"] = adminKey,
        ["Newsletter__PublicBaseUrl"] = "https://papers.example.test",
        ["Smtp__Host"] = "127.0.0.1",
        ["Smtp__Port"] = smtp.Port.ToString(),
        ["Smtp__Security"] = "None",
    };

    public static async Task<AppProcess> StartAsync(IDictionary<string, string> environment)
    {
        var port = WebHostProcess.FreePort();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var info = WebHostProcess.StartInfo(port, environment, configuration);
        var process = Process.Start(info)!;
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, output, new Uri($"http://127.0.0.1:{port}"));
        using var client = new HttpClient { BaseAddress = app.Address };
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                return (await client.GetAsync("/health")).StatusCode;
            }
            catch (HttpRequestException)
            {
                return HttpStatusCode.ServiceUnavailable;
            }
        }, status => status == HttpStatusCode.OK || process.HasExited, "the app process to answer /health", TimeSpan.FromSeconds(60));
        if (process.HasExited)
        {
            process.WaitForExit(); // drains the output
        }

        Assert.False(process.HasExited, "the app process exited at start:\n" + string.Join("\n", output.TakeLast(40)));
        return app;
    }

    /// <summary>SIGKILL: no shutdown, no flush, nothing finishes.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public HttpClient Client(string? adminKey = null)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (adminKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", adminKey);
        }

        return client;
    }

    public ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
        return ValueTask.CompletedTask;
    }
}
