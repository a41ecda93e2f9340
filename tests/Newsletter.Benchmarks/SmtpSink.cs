using System.Diagnostics;
using System.Net.Sockets;

namespace Newsletter.Benchmarks;

/// <summary>
/// Postfix's <c>smtp-sink</c> on loopback: uses one already listening on the port, otherwise starts one and
/// stops it (only the one it started) when disposed.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    public const string Path = "/usr/sbin/smtp-sink";

    private readonly Process? started;

    private SmtpSink(Process? started) => this.started = started;

    /// <summary>What the run printed about the sink: started by us, or found running.</summary>
    public string Description => started is null ? "already running" : $"started: {Path} {string.Join(' ', started.StartInfo.ArgumentList)} (pid {started.Id})";

    public static async Task<SmtpSink> EnsureAsync(string host, int port)
    {
        if (await IsListeningAsync(host, port))
        {
            return new SmtpSink(null);
        }

        var start = new ProcessStartInfo(Path) { RedirectStandardError = true };
        if (Environment.UserName == "root")
        {
            // smtp-sink refuses to run as root without a user to drop to.
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add("nobody");
        }

        start.ArgumentList.Add($"{host}:{port}");
        start.ArgumentList.Add("1000");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Path}.");
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        for (var i = 0; i < 100 && !await IsListeningAsync(host, port); i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Path} exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
            }

            await poll.WaitForNextTickAsync();
        }

        return new SmtpSink(process);
    }

    private static async Task<bool> IsListeningAsync(string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (started is { HasExited: false })
        {
            started.Kill();
            await started.WaitForExitAsync();
        }

        started?.Dispose();
    }
}
