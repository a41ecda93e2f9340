using System.Diagnostics;
using Newsletter.Fixtures;

namespace Newsletter.Benchmarks;

/// <summary>
/// One instance of the product as an operator runs it (<see cref="WebHostProcess"/>, the Release build), its
/// output in a log file, stopped with SIGKILL when disposed.
/// </summary>
public sealed class InstanceProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private InstanceProcess(Process process, StreamWriter log, Uri address)
    {
        this.process = process;
        this.log = log;
        Address = address;
    }

    public Uri Address { get; }
    public int Id => process.Id;

    /// <summary>CPU time the process has used so far, on every core.</summary>
    public TimeSpan Cpu
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>The most memory the process has held so far (VmHWM in /proc).</summary>
    public long PeakWorkingSetMegabytes => long.Parse(File.ReadLines($"/proc/{process.Id}/status")
        .First(l => l.StartsWith("VmHWM:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;

    public static async Task<InstanceProcess> StartAsync(IDictionary<string, string> environment, string logPath)
    {
        var port = WebHostProcess.FreePort();
        var info = WebHostProcess.StartInfo(port, environment, "Release");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var instance = new InstanceProcess(process, log, new Uri($"http://127.0.0.1:{port}"));
        using var client = new HttpClient { BaseAddress = instance.Address };
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var deadline = Stopwatch.StartNew();
        while (!await IsHealthyAsync(client))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                await instance.DisposeAsync();
                throw new InvalidOperationException($"The instance did not answer /health; see {logPath}.");
            }

            await poll.WaitForNextTickAsync();
        }

        return instance;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private static async Task<bool> IsHealthyAsync(HttpClient client)
    {
        try
        {
            return (await client.GetAsync("/health")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        lock (log)
        {
            log.Dispose();
        }
    }
}
