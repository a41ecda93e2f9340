using System.Diagnostics;
using System.Text.Json;
using Newsletter.Embeddings;

namespace Newsletter.Benchmarks;

/// <summary>
/// The semantic index's cost: papers per CPU-second of the background embedder (one thread, its batch size) and
/// how much the process's working set grows with the model loaded and working. Each figure from a fresh process.
/// </summary>
public static class EmbeddingBenchmark
{
    public static int Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0]) : 300;
        var batch = args.Length > 1 ? int.Parse(args[1]) : 8;
        var texts = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "fixtures", "papers", "real", "arxiv-daily-2026-03-18.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(paper => EmbeddingStore.TextOf(paper.GetProperty("title").GetString()!, paper.GetProperty("summary").GetString()))
            .Take(count).ToList();
        var process = Process.GetCurrentProcess();
        GC.Collect();
        process.Refresh();
        var before = process.WorkingSet64;
        using var embedder = new SentenceEmbedder(Path.Combine(Path.GetTempPath(), "newsletter-bench-models"), threads: 1);
        embedder.Warm();
        GC.Collect();
        process.Refresh();
        var loaded = process.WorkingSet64;
        embedder.Embed(texts.Take(batch).ToList()); // warm-up
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < texts.Count; i += batch)
        {
            embedder.Embed(texts.Skip(i).Take(batch).ToList());
        }

        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"embedding {texts.Count} papers, batch {batch}, 1 thread: {texts.Count / cpuSeconds:N1} papers per CPU-second " +
            $"({texts.Count / wall.Elapsed.TotalSeconds:N1}/s wall); working set {before / 1e6:N0} MB before, {loaded / 1e6:N0} MB with the model loaded, " +
            $"peak {process.PeakWorkingSet64 / 1e6:N0} MB: +{(process.PeakWorkingSet64 - before) / 1e6:N0} MB");
        return 0;
    }
}
