using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Data;
using Newsletter.Digests;
using Newsletter.Papers;

namespace Newsletter.Benchmarks;

/// <summary>
/// Builds every digest of a run (match and persist, not send) for N subscribers over M new papers, and reports
/// digests/s, total seconds and peak memory. Batches run on the thread pool, as Hangfire workers would.
/// </summary>
public static class DigestBuildBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var subscribers = args.Length > 0 ? int.Parse(args[0]) : 100_000;
        var paperCount = args.Length > 1 ? int.Parse(args[1]) : 1_000;
        var queue = new CollectingQueue();
        await using var host = await BenchmarkHost.StartAsync(services => services.AddSingleton<IDigestBatchQueue>(queue));
        var database = host.Services.GetRequiredService<IDatabase>();

        var seed = Stopwatch.StartNew();
        await BenchmarkData.SubscribersAsync(database, subscribers, DateTime.UtcNow.AddDays(-2));
        await host.Services.GetRequiredService<PaperStore>().SaveAsync(BenchmarkData.Papers(paperCount));
        Console.WriteLine($"seeded {subscribers:N0} subscribers and {paperCount:N0} papers in {seed.Elapsed.TotalSeconds:F1} s");

        GC.Collect();
        var startMemory = Process.GetCurrentProcess().WorkingSet64;
        var total = Stopwatch.StartNew();
        long runId;
        await using (var connection = await database.OpenAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            runId = await host.Services.GetRequiredService<DigestRunStore>().CreateAsync(connection, transaction, "manual", null, DateTime.UtcNow, DateTime.UtcNow);
            await transaction.CommitAsync();
        }

        await host.Services.GetRequiredService<DigestPlanner>().PrepareAsync(runId);
        var prepared = total.Elapsed;
        var builder = host.Services.GetRequiredService<DigestBatchBuilder>();
        var batches = queue.Batches.ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (batch, _) => await builder.BuildAsync(batch.RunId, batch.Batch));
        total.Stop();

        await using var check = await database.OpenAsync();
        var digests = await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM digests WHERE run_id = @runId", new { runId });
        var built = await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM digests WHERE run_id = @runId AND paper_count > 0", new { runId });
        var papersPerDigest = await check.ExecuteScalarAsync<double>("SELECT AVG(paper_count) FROM digests WHERE run_id = @runId AND paper_count > 0", new { runId });
        var outbox = await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox");
        var process = Process.GetCurrentProcess();

        Console.WriteLine($"subscribers:         {subscribers:N0} (batches of {host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DigestOptions>>().Value.BatchSize:N0}, {batches.Count} batches, {Environment.ProcessorCount} cores)");
        Console.WriteLine($"papers:              {paperCount:N0}");
        Console.WriteLine($"digests:             {digests:N0} ({built:N0} with papers, avg {papersPerDigest:F1} papers; {digests - built:N0} skipped); outbox rows {outbox:N0}");
        Console.WriteLine($"prepare (match):     {prepared.TotalSeconds:F2} s");
        Console.WriteLine($"total:               {total.Elapsed.TotalSeconds:F2} s");
        Console.WriteLine($"digests/s:           {digests / total.Elapsed.TotalSeconds:N0}");
        Console.WriteLine($"peak working set:    {process.PeakWorkingSet64 / 1024 / 1024:N0} MB (at start of build: {startMemory / 1024 / 1024:N0} MB)");
        return digests == subscribers ? 0 : 1;
    }
}
