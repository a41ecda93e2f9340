using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Data;
using Newsletter.Embeddings;
using Newsletter.Papers;

namespace Newsletter.Benchmarks;

/// <summary>
/// The labelled real listings (tests/fixtures/relevance), imported one listing per day into a fresh app, every
/// paper embedded: what the relevance benchmark and its simulated readers work on.
/// </summary>
public sealed class RelevanceData
{
    public sealed record Keyword(string Text, string Kind);

    /// <summary>One listing: the day it arrived and its papers (database ids).</summary>
    public sealed record Day(string File, DateTime Start, DateTime End, IReadOnlyList<long> Papers);

    public required IReadOnlyList<Keyword> Keywords { get; init; }
    public required IReadOnlyList<Day> Days { get; init; }

    /// <summary>For each keyword, the ids of the papers judged relevant.</summary>
    public required IReadOnlyDictionary<string, HashSet<long>> Relevant { get; init; }
    public required IReadOnlyDictionary<long, string> Titles { get; init; }
    public required double EmbedPapersPerSecond { get; init; }
    public required double EmbedPapersPerCpuSecond { get; init; }
    public required long WorkingSetBeforeModel { get; init; }
    public required long PeakWorkingSet { get; init; }

    public static readonly string[] Listings =
    [
        "arxiv-daily-2025-07-01.jsonl", "hf-daily-papers-2025-10-10.json", "arxiv-daily-2026-03-18.jsonl",
        "hf-daily-papers-2026-05-12.json", "arxiv-daily-2026-06-16.jsonl",
    ];

    public static async Task<RelevanceData> LoadAsync(BenchmarkHost host, DayClock clock)
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures");
        var importer = host.Services.GetRequiredService<PaperImporter>();
        var database = host.Services.GetRequiredService<IDatabase>();
        var days = new List<Day>();
        var start = new DateTime(2026, 1, 5, 6, 0, 0, DateTimeKind.Utc);
        foreach (var (file, index) in Listings.Select((f, i) => (f, i)))
        {
            var dayStart = start.AddDays(index);
            clock.Set(dayStart.AddHours(1));
            await importer.ImportAsync(await File.ReadAllBytesAsync(Path.Combine(fixtures, "papers", "real", file)), null);
            await using var connection = await database.OpenAsync();
            var ids = (await connection.QueryAsync<long>("SELECT id FROM papers WHERE first_seen_at > @dayStart", new { dayStart })).ToList();
            days.Add(new Day(file, dayStart, dayStart.AddDays(1), ids));
        }

        var (perSecond, perCpuSecond, before, peak) = await EmbedAllAsync(host);
        var keywords = JsonSerializer.Deserialize<List<JsonElement>>(await File.ReadAllTextAsync(Path.Combine(fixtures, "relevance", "keywords.json")))!
            .Select(k => new Keyword(k.GetProperty("keyword").GetString()!, k.GetProperty("kind").GetString()!)).ToList();
        Dictionary<string, long> byArxiv;
        Dictionary<long, string> titles;
        await using (var connection = await database.OpenAsync())
        {
            var rows = (await connection.QueryAsync<(long Id, string? ArxivId, string Title)>("SELECT id, arxiv_id, title FROM papers")).ToList();
            byArxiv = rows.Where(r => r.ArxivId is not null).ToDictionary(r => r.ArxivId!, r => r.Id);
            titles = rows.ToDictionary(r => r.Id, r => r.Title);
        }

        var relevant = keywords.ToDictionary(k => k.Text, _ => new HashSet<long>());
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(fixtures, "relevance", "labels.jsonl")))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var label = JsonDocument.Parse(line).RootElement;
            var id = byArxiv[label.GetProperty("id").GetString()!];
            foreach (var keyword in label.GetProperty("relevant").EnumerateArray())
            {
                relevant[keyword.GetString()!].Add(id);
            }
        }

        return new RelevanceData
        {
            Keywords = keywords, Days = days, Relevant = relevant, Titles = titles,
            EmbedPapersPerSecond = perSecond, EmbedPapersPerCpuSecond = perCpuSecond, WorkingSetBeforeModel = before, PeakWorkingSet = peak,
        };
    }

    /// <summary>Embeds every paper as the background worker does (batches of its size, one thread), timed.</summary>
    private static async Task<(double PerSecond, double PerCpuSecond, long Before, long Peak)> EmbedAllAsync(BenchmarkHost host)
    {
        var store = host.Services.GetRequiredService<EmbeddingStore>();
        var embedder = host.Services.GetRequiredService<SentenceEmbedder>();
        var batchSize = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SemanticOptions>>().Value.BatchSize;
        GC.Collect();
        var process = System.Diagnostics.Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        embedder.Warm();
        var cpu = process.TotalProcessorTime;
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var count = 0;
        while (await store.PendingAsync(batchSize) is { Count: > 0 } pending)
        {
            var vectors = embedder.Embed(pending.Select(p => p.Text).ToList());
            await store.SaveAsync(pending.Select((p, i) => (p.Id, vectors[i])).ToList());
            count += pending.Count;
        }

        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        return (count / wall.Elapsed.TotalSeconds, count / cpuSeconds, before, process.PeakWorkingSet64);
    }
}

/// <summary>A clock the benchmark sets: each listing arrives on its own day.</summary>
public sealed class DayClock : TimeProvider
{
    private DateTimeOffset now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => now;

    public void Set(DateTime utc) => now = new DateTimeOffset(utc, TimeSpan.Zero);
}
