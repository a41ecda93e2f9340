using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Data;
using Newsletter.Papers;
using Npgsql;

namespace Newsletter.Benchmarks;

/// <summary>
/// A whole digest run on PostgreSQL with one instance, then with two, as real processes on one database: N active
/// subscribers, 1,000 new papers, digests built by Hangfire batch jobs and sent through smtp-sink. Each
/// configuration starts from a copy of one seeded database, and the figures are times to conditions read from
/// the database: every digest built, every email accepted by the SMTP server.
/// </summary>
public static class ScaleBenchmark
{
    public const string Variable = "NEWSLETTER_BENCH_POSTGRES";
    private const string SmtpHost = "127.0.0.1";
    private const int SmtpPort = 2527;
    private const string AdminKey = "scale-benchmark-admin-key";

    private sealed record Result(int Instances, TimeSpan Built, TimeSpan Sent, long Emails, double AppCpuSeconds, double MachineBusy, string Shares);

    public static async Task<int> RunAsync(string[] args)
    {
        var subscribers = args.Length > 0 ? int.Parse(args[0]) : 100_000;
        var rounds = args.Length > 1 ? int.Parse(args[1]) : 1;
        var server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: run bash tests/Newsletter.Benchmarks/scale/run.sh, which starts PostgreSQL.");
        await using var sink = await SmtpSink.EnsureAsync(SmtpHost, SmtpPort);
        Console.WriteLine($"smtp-sink:           {sink.Description}");
        var work = Path.Combine(Path.GetTempPath(), "newsletter-scale", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);

        var seed = await SeedAsync(server, subscribers);
        var results = new List<Result>();
        try
        {
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var instances in new[] { 1, 2 })
                {
                    var result = await RunOnceAsync(server, seed, instances, subscribers, Path.Combine(work, $"round{round}-{instances}"));
                    results.Add(result);
                    Console.WriteLine($"round {round}, {instances} instance{(instances > 1 ? "s" : " ")}: " +
                                      $"{subscribers:N0} digests built in {result.Built.TotalSeconds:F1} s = {subscribers / result.Built.TotalSeconds:N0} digests/s; " +
                                      $"{result.Emails:N0} emails sent by {result.Sent.TotalSeconds:F1} s = {result.Emails / result.Sent.TotalSeconds:N0} emails/s; " +
                                      $"app CPU {result.AppCpuSeconds:F0} s, machine busy {result.MachineBusy:P0}");
                    Console.WriteLine($"                     shares: {result.Shares}");
                }
            }
        }
        finally
        {
            Execute(server, $"DROP DATABASE IF EXISTS {seed} WITH (FORCE)");
            Directory.Delete(work, recursive: true);
        }

        var one = results.Where(r => r.Instances == 1).ToList();
        var two = results.Where(r => r.Instances == 2).ToList();
        Console.WriteLine($"scaling, 2 instances / 1 (median of {rounds}): build {Median(two, one, r => subscribers / r.Built.TotalSeconds):F2}x, " +
                          $"send {Median(two, one, r => r.Emails / r.Sent.TotalSeconds):F2}x, on {Environment.ProcessorCount} cores shared with PostgreSQL and smtp-sink");
        return 0;
    }

    private static double Median(List<Result> two, List<Result> one, Func<Result, double> rate)
    {
        var ratios = two.Zip(one, (a, b) => rate(a) / rate(b)).Order().ToList();
        return ratios[ratios.Count / 2];
    }

    /// <summary>A database migrated and seeded once, the template of every configuration's database.</summary>
    private static async Task<string> SeedAsync(string server, int subscribers)
    {
        var clock = Stopwatch.StartNew();
        var name = "scale_seed_" + Guid.NewGuid().ToString("N")[..8];
        Execute(server, $"CREATE DATABASE {name}");
        await using (var host = await BenchmarkHost.StartAsync(_ => { }, new()
        {
            ["Newsletter:Database"] = "postgres",
            ["ConnectionStrings:Newsletter"] = On(server, name),
        }))
        {
            await BenchmarkData.SubscribersAsync(host.Services.GetRequiredService<IDatabase>(), subscribers, DateTime.UtcNow.AddDays(-2));
            await host.Services.GetRequiredService<PaperStore>().SaveAsync(BenchmarkData.Papers(1_000));
        }

        // As autovacuum would have by the time of a real run: without statistics on the fresh tables the planner
        // scans subscriber_keywords whole for every batch of ids (37 ms instead of 0.3 ms per query).
        Execute(On(server, name), "ANALYZE");

        NpgsqlConnection.ClearAllPools();
        Console.WriteLine($"seeded:              {subscribers:N0} subscribers, 1,000 papers on PostgreSQL in {clock.Elapsed.TotalSeconds:F1} s");
        return name;
    }

    private static async Task<Result> RunOnceAsync(string server, string seed, int count, int subscribers, string directory)
    {
        var name = $"scale_{count}_" + Guid.NewGuid().ToString("N")[..8];
        Execute(server, $"CREATE DATABASE {name} TEMPLATE {seed}");
        var database = On(server, name);
        Directory.CreateDirectory(directory);
        var instances = new List<InstanceProcess>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                // The first also serves the admin API that starts the run; the others only work. All of them build and send.
                instances.Add(await InstanceProcess.StartAsync(new Dictionary<string, string>
                {
                    ["Newsletter__Database"] = "postgres",
                    ["ConnectionStrings__Newsletter"] = database,
                    ["Newsletter__Role"] = i == 0 ? "all" : "worker",
                    ["Newsletter__DataDirectory"] = Path.Combine(directory, $"instance{i}"),
                    ["Newsletter__KeysDirectory"] = Path.Combine(directory, "keys"),
                    ["Newsletter__AdminApiKey"] = AdminKey,
                    ["Newsletter__PublicBaseUrl"] = "https://papers.example.test",
                    ["Smtp__Host"] = SmtpHost,
                    ["Smtp__Port"] = $"{SmtpPort}",
                    ["Smtp__Security"] = "None",
                    ["Logging__LogLevel__Default"] = "Warning",
                }, Path.Combine(directory, $"instance{i}.log")));
            }

            using var admin = new HttpClient { BaseAddress = instances[0].Address };
            admin.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();

            var cpu = instances.Sum(i => i.Cpu.TotalSeconds);
            var machine = MachineCpu.Read();
            var clock = Stopwatch.StartNew();
            var started = await admin.PostAsJsonAsync("/api/admin/digests/runs", new { });
            started.EnsureSuccessStatusCode();
            var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetInt64();

            TimeSpan? built = null;
            using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            while (true)
            {
                var status = await connection.ExecuteScalarAsync<string>("SELECT status FROM digest_runs WHERE id = @runId", new { runId });
                if (status == "failed" || clock.Elapsed > TimeSpan.FromMinutes(15))
                {
                    throw new InvalidOperationException($"Run {runId} is {status} after {clock.Elapsed}; see the logs in {directory}.");
                }

                if (status == "built")
                {
                    built ??= clock.Elapsed;
                    // The outbox's partial index holds only unfinished rows; EXISTS stops at the first (a COUNT of
                    // 60,000 unfinished rows cost PostgreSQL 38 ms a poll, a tenth of a core taken from the run).
                    if (!await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM outbox WHERE status IN ('pending', 'sending'))"))
                    {
                        break;
                    }
                }

                await poll.WaitForNextTickAsync();
            }

            var sent = clock.Elapsed;
            var busy = MachineCpu.Read().BusySince(machine);
            var appCpu = instances.Sum(i => i.Cpu.TotalSeconds) - cpu;
            var peakMemory = string.Join(", ", instances.Select(i => $"{i.PeakWorkingSetMegabytes:N0} MB"));
            var digests = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM digests WHERE run_id = @runId", new { runId });
            if (digests != subscribers)
            {
                throw new InvalidOperationException($"Run {runId} built {digests:N0} digests for {subscribers:N0} subscribers.");
            }

            var emails = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE status = 'sent' AND kind = 'digest'");
            return new Result(count, built!.Value, sent, emails, appCpu, busy, await SharesAsync(connection, instances) + $"; peak working set {peakMemory}");
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }

            NpgsqlConnection.ClearAllPools();
            Execute(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    /// <summary>How much of the work each instance did: batch jobs it processed (Hangfire's server ids hold the pid) and emails it sent.</summary>
    private static async Task<string> SharesAsync(NpgsqlConnection connection, IReadOnlyList<InstanceProcess> instances)
    {
        var servers = (await connection.QueryAsync<string>("""
            SELECT s.data::json ->> 'ServerId' FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid
            WHERE s.name = 'Processing' AND j.invocationdata::json ->> 'Method' = 'BuildBatchAsync'
            """)).ToList();
        var senders = (await connection.QueryAsync<(string Pid, long Count)>(
            "SELECT split_part(claimed_by, '/', 2), COUNT(*) FROM outbox WHERE status = 'sent' GROUP BY 1")).ToDictionary(s => s.Pid, s => s.Count);
        return string.Join("; ", instances.Select((instance, i) =>
            $"instance {i + 1}: {servers.Count(s => s.Contains($":{instance.Id}:"))} batches, {senders.GetValueOrDefault(instance.Id.ToString()):N0} emails"));
    }

    private static string On(string server, string database) => new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString();

    private static void Execute(string server, string sql)
    {
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
