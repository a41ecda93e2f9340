using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

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

    public static async Task<AppProcess> StartAsync(IDictionary<string, string> environment)
    {
        var port = FreePort();
        var dll = WebAssemblyPath();
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Papers__HuggingFace__Enabled"] = "false";
        info.Environment["Papers__Arxiv__Enabled"] = "false";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The web host's own build output (with its runtimeconfig), built beside these tests.</summary>
    private static string WebAssemblyPath()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Newsletter.sln")))
        {
            directory = directory.Parent;
        }

        var path = Path.Combine(directory!.FullName, "src", "Newsletter.Web", "bin", configuration, "net10.0", "Newsletter.Web.dll");
        Assert.True(File.Exists(path), $"Build the web host first: {path} is missing.");
        return path;
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
