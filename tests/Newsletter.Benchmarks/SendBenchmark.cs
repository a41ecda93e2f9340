using System.Diagnostics;
using System.Net.Sockets;
using Dapper;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MimeKit.IO;
using Newsletter.Data;
using Newsletter.Delivery;
using Newsletter.Digests;
using Newsletter.Emails;
using Newsletter.Papers;
using Newsletter.Subscriptions;
using Newsletter.Templates;

namespace Newsletter.Benchmarks;

/// <summary>
/// The full send path against Postfix's smtp-sink on loopback, next to the raw ceiling measured in the same
/// run: smtp-source (20 KB messages, 4 sessions) and bare MailKit loops (4 clients), then the platform's own
/// <see cref="DeliveryService"/> draining an outbox of real digests (render, MIME, SMTP, mark sent) over 4
/// connections, timed until every row is sent.
/// </summary>
public static class SendBenchmark
{
    private const string Host = "127.0.0.1";
    private const int Port = 2525;
    private const int Connections = 4;
    private const int PaperCount = 1_000;
    private const string SmtpSource = "/usr/sbin/smtp-source";

    public static async Task<int> RunAsync(string[] args)
    {
        var messages = args.Length > 0 ? int.Parse(args[0]) : 20_000;
        // 9 papers of the sample's abstracts make a digest of about 20 KB as sent.
        var maxPapers = args.Length > 1 ? int.Parse(args[1]) : 9;

        await using var sink = await SmtpSink.EnsureAsync(Host, Port);
        Console.WriteLine($"smtp-sink:           {sink.Description}");

        var source = await SmtpSourceAsync(messages);
        var ceiling = messages / source.TotalSeconds;
        Console.WriteLine($"smtp-source:         {messages:N0} x 20,000 bytes, {Connections} sessions in {source.TotalSeconds:F2} s = {ceiling:N0} msg/s");
        var (bare, bareCpu) = await BareMailKitAsync(messages, "Hello.\r\n", 1);
        Console.WriteLine($"bare MailKit:        {messages:N0} trivial messages, {Connections} clients in {bare.TotalSeconds:F2} s = {messages / bare.TotalSeconds:N0} msg/s ({bareCpu:N0} µs CPU/msg here)");
        var (bare20, bare20Cpu) = await BareMailKitAsync(messages, new string('x', 76) + "\r\n", 20_000 / 78);
        Console.WriteLine($"bare MailKit, 20 KB: {messages:N0} plain 20 KB messages, {Connections} clients in {bare20.TotalSeconds:F2} s = {messages / bare20.TotalSeconds:N0} msg/s ({bare20Cpu:N0} µs CPU/msg here)");

        // Warm-up: the same path on separate data (half as many digests), so that the timed run measures compiled code (the
        // JIT's tiering takes a good part of a cold run's first seconds) while the application's caches start cold.
        double averageSize;
        await using (var warm = await SeedAsync(messages / 2, maxPapers))
        {
            averageSize = await BreakdownAsync(warm.Services, sample: 500);
            var (warmElapsed, _, _) = await DeliverAllAsync(warm.Services);
            Console.WriteLine($"warm-up:             {messages / 2:N0} digests (separate data) in {warmElapsed.TotalSeconds:F2} s = {messages / 2 / warmElapsed.TotalSeconds:N0} msg/s");
        }

        await using var host = await SeedAsync(messages, maxPapers);
        var (elapsed, peak, cpu) = await DeliverAllAsync(host.Services);
        await using var connection = await host.Services.GetRequiredService<IDatabase>().OpenAsync();
        var sent = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE status = 'sent'");
        var failed = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE status = 'failed'");
        var rate = sent / elapsed.TotalSeconds;
        Console.WriteLine($"platform:            {sent:N0} digests sent ({failed:N0} failed), {Connections} connections in {elapsed.TotalSeconds:F2} s = {rate:N0} msg/s ({cpu.TotalMicroseconds / messages:N0} µs CPU/msg)");
        Console.WriteLine($"ratio:               {rate / ceiling:P0} of smtp-source (target: at least 50%)");
        Console.WriteLine($"average message:     {averageSize / 1024:F1} KB as sent (sampled)");
        Console.WriteLine($"peak working set:    {peak / 1024 / 1024:N0} MB while sending; {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MB for the whole run");
        return sent == messages ? 0 : 1;
    }

    /// <summary>smtp-source into the same sink: 20,000-byte payloads over 4 persistent sessions.</summary>
    private static async Task<TimeSpan> SmtpSourceAsync(int messages)
    {
        var start = new ProcessStartInfo(SmtpSource) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-d", "-s", $"{Connections}", "-m", $"{messages}", "-l", "20000", "-f", "a@x.test", "-t", "b@x.test", $"{Host}:{Port}" })
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {SmtpSource}.");
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        clock.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"smtp-source exited with {process.ExitCode}: {await errors}");
        }

        return clock.Elapsed;
    }

    /// <summary>
    /// MailKit alone, as the transport uses it (TCP_NODELAY, no SIZE pass): persistent clients sending a
    /// prebuilt plain-text body of <paramref name="lines"/> lines. Returns the time and this process's CPU per message.
    /// </summary>
    private static async Task<(TimeSpan Elapsed, double CpuMicroseconds)> BareMailKitAsync(int messages, string line, int lines)
    {
        var body = string.Concat(Enumerable.Repeat(line, lines));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(c => Task.Run(async () =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(Host, Port);
            using var client = new SmtpClient();
            await client.ConnectAsync(socket, Host, Port, SecureSocketOptions.None);
            client.Capabilities &= ~SmtpCapabilities.Size;
            for (var i = c; i < messages; i += Connections)
            {
                var message = new MimeMessage { Subject = $"bare {i}", Body = new TextPart("plain") { Text = body } };
                message.From.Add(new MailboxAddress("", "a@x.test"));
                message.To.Add(new MailboxAddress("", "b@x.test"));
                await client.SendAsync(message);
            }

            await client.DisconnectAsync(quit: true);
        })));
        clock.Stop();
        return (clock.Elapsed, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / messages);
    }

    /// <summary>
    /// A fresh data directory whose outbox holds exactly <paramref name="digests"/> digest emails: subscribers
    /// (some match nothing, so a few more), 1,000 papers, and a manual digest run built as Hangfire would.
    /// </summary>
    private static async Task<BenchmarkHost> SeedAsync(int digests, int maxPapers)
    {
        var clock = Stopwatch.StartNew();
        var host = await BenchmarkHost.StartAsync(services => services.AddSingleton<IDigestBatchQueue, CollectingQueue>(), new()
        {
            ["Smtp:Host"] = Host,
            ["Smtp:Port"] = $"{Port}",
            ["Smtp:Security"] = "None",
            ["Delivery:Concurrency"] = $"{Connections}",
            ["Digests:MaxPapers"] = $"{maxPapers}",
        });
        var services = host.Services;
        var database = services.GetRequiredService<IDatabase>();
        await BenchmarkData.SubscribersAsync(database, digests + digests / 8, DateTime.UtcNow.AddDays(-2));
        await services.GetRequiredService<PaperStore>().SaveAsync(BenchmarkData.Papers(PaperCount));

        long runId;
        await using (var connection = await database.OpenAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            runId = await services.GetRequiredService<DigestRunStore>().CreateAsync(connection, transaction, "manual", null, DateTime.UtcNow, DateTime.UtcNow);
            await transaction.CommitAsync();
        }

        await services.GetRequiredService<DigestPlanner>().PrepareAsync(runId);
        var builder = services.GetRequiredService<DigestBatchBuilder>();
        var queue = (CollectingQueue)services.GetRequiredService<IDigestBatchQueue>();
        await Parallel.ForEachAsync(queue.Batches.ToList(), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (batch, _) => await builder.BuildAsync(batch.RunId, batch.Batch));

        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync("DELETE FROM outbox WHERE id NOT IN (SELECT id FROM outbox ORDER BY id LIMIT @digests)", new { digests });
            var queued = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND kind = 'digest'");
            if (queued != digests)
            {
                throw new InvalidOperationException($"Expected {digests:N0} queued digests, got {queued:N0}.");
            }
        }

        Console.WriteLine($"seeded:              {digests:N0} digests queued (at most {maxPapers} papers of {PaperCount:N0}) in {clock.Elapsed.TotalSeconds:F1} s");
        return host;
    }

    /// <summary>
    /// Where a message's time goes, on one thread over a sample of queued rows (nothing is claimed or sent):
    /// reading the models (per batch of 100, as senders do), rendering, composing whole messages, writing them
    /// out as sent. Returns the average size as sent.
    /// </summary>
    private static async Task<double> BreakdownAsync(IServiceProvider services, int sample)
    {
        var database = services.GetRequiredService<IDatabase>();
        var composer = services.GetRequiredService<EmailComposer>();
        var subscribers = services.GetRequiredService<SubscriberStore>();
        var digests = services.GetRequiredService<DigestEmailFactory>();
        var renderer = services.GetRequiredService<EmailRenderer>();
        var urls = services.GetRequiredService<PublicUrls>();

        List<OutboxMessage> rows;
        await using (var connection = await database.OpenAsync())
        {
            rows = (await connection.QueryAsync<OutboxMessage>("""
                SELECT id, kind, subscriber_id AS SubscriberId, digest_id AS DigestId, recipient, message_id AS MessageId, attempts, created_at AS CreatedAt
                FROM outbox ORDER BY id LIMIT @sample
                """, new { sample })).ToList();
        }

        var models = new List<DigestEmail>();
        var read = Stopwatch.StartNew();
        foreach (var chunk in rows.Chunk(100))
        {
            await using var connection = await database.OpenAsync();
            var found = await subscribers.GetManyAsync(connection, chunk.Select(r => r.SubscriberId!.Value));
            var requests = chunk.Select(r => found[r.SubscriberId!.Value])
                .Select((s, i) => new DigestEmailFactory.Request(chunk[i].DigestId!.Value, s, new EmailFooter("", urls.Manage(s), urls.Unsubscribe(s))))
                .ToList();
            models.AddRange((await digests.CreateAsync(connection, requests)).Values);
        }

        read.Stop();
        var render = Stopwatch.StartNew();
        foreach (var model in models)
        {
            await renderer.RenderAsync<Digest, DigestText>("Email", model);
        }

        render.Stop();
        var composed = new List<MimeMessage>();
        var compose = Stopwatch.StartNew();
        foreach (var chunk in rows.Chunk(100))
        {
            var batch = await composer.LoadAsync(chunk, CancellationToken.None);
            foreach (var row in chunk)
            {
                composed.Add((await batch.ComposeAsync(row))!);
            }
        }

        compose.Stop();
        // As MailKit sends to a server with 8BITMIME (smtp-sink has it): prepared for 8 bit, CRLF line ends.
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        long bytes = 0;
        var write = Stopwatch.StartNew();
        foreach (var message in composed)
        {
            message.Prepare(EncodingConstraint.EightBit, 998);
            using var measure = new MeasuringStream();
            await message.WriteToAsync(format, measure);
            bytes += measure.Length;
        }

        write.Stop();
        double PerMessage(Stopwatch stage) => stage.Elapsed.TotalMicroseconds / rows.Count;
        Console.WriteLine($"one thread, per msg: read models {PerMessage(read):N0} µs (snippet cache cold), render {PerMessage(render):N0} µs, " +
                          $"compose (read, render, MIME; cache warm) {PerMessage(compose):N0} µs, prepare and write MIME {PerMessage(write):N0} µs; {rows.Count} sampled");
        return (double)bytes / rows.Count;
    }

    /// <summary>
    /// Starts a delivery service (the sender pool alone: the host's Hangfire services are not wanted) and times it
    /// until no row is pending or sending (a cheap count on the outbox's partial index); samples the working set
    /// and counts this process's CPU meanwhile.
    /// </summary>
    private static async Task<(TimeSpan Elapsed, long PeakWorkingSet, TimeSpan Cpu)> DeliverAllAsync(IServiceProvider services)
    {
        using var delivery = ActivatorUtilities.CreateInstance<DeliveryService>(services);
        await using var connection = await services.GetRequiredService<IDatabase>().OpenAsync();
        GC.Collect();
        long peak = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await delivery.StartAsync(CancellationToken.None);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')") > 0)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException("The outbox did not drain in 10 minutes (are messages being retried?).");
            }

            peak = Math.Max(peak, Environment.WorkingSet);
            await poll.WaitForNextTickAsync();
        }

        clock.Stop();
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        await delivery.StopAsync(CancellationToken.None);
        return (clock.Elapsed, Math.Max(peak, Environment.WorkingSet), used);
    }
}
