using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Matching;
using Newsletter.Papers;

namespace Newsletter.Benchmarks;

/// <summary>Previews per second in-process (no HTTP), one thread per core, over the sample papers.</summary>
public static class PreviewBenchmark
{
    private static readonly string[][] Keywords = [["SAM"], ["diffusion", "pruning"], ["mixture of experts"], ["LLM", "-medical"], ["self-supervised", "segmentation"]];

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0]) : 10;
        await using var host = await BenchmarkHost.StartAsync(_ => { });
        await host.Services.GetRequiredService<PaperImporter>().ImportAsync(
            await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "daily-papers-sample.txt")), PaperFormat.Text);
        var preview = host.Services.GetRequiredService<PaperPreview>();
        var since = DateTime.UtcNow.AddDays(-7);
        var count = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Environment.ProcessorCount).Select(worker => Task.Run(async () =>
        {
            var i = worker;
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                await preview.PreviewAsync(Keywords[i++ % Keywords.Length], since, 20);
                Interlocked.Increment(ref count);
            }
        })));
        Console.WriteLine($"previews/s (in-process, {Environment.ProcessorCount} threads): {count / clock.Elapsed.TotalSeconds:N0}");
        return 0;
    }
}
