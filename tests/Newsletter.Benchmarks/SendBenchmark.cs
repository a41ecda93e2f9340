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
/// run: smtp-source (20 KB messages, 4 sessions), a bare MailKit loop (4 clients, trivial bodies), then the
/// platform's own <see cref="DeliveryService"/> draining an outbox of real digests (render, MIME, SMTP, mark
/// sent) over 4 connections, timed until every row is sent.
/// </summary>
public static class SendBenchmark
{
    private const string Host = "127.0.0.1";
    private const int Port = 2525;
    private const int Connections = 4;
    private const string SmtpSource = "/usr/sbin/smtp-source";

    public static async Task<int> RunAsync(string[] args)
    {
        var messages = args.Length > 0 ? int.Parse(args[0]) : 20_000;
        var maxPapers = args.Length > 1 ? int.Parse(args[1]) : 9;
        const int paperCount = 1_000;

        await using var sink = await SmtpSink.EnsureAsync(Host, Port);
        Console.WriteLine($"smtp-sink:           {sink.Description}");

        var source = await SmtpSourceAsync(messages);
        Console.WriteLine($"smtp-source:         {messages:N0} x 20 KB, {Connections} sessions in {source.TotalSeconds:F2} s = {messages / source.TotalSeconds:N0} msg/s");

        var bare = await BareMailKitAsync(messages);
        Console.WriteLine($"bare MailKit:        {messages:N0} trivial messages, {Connections} clients in {bare.TotalSeconds:F2} s = {messages / bare.TotalSeconds:N0} msg/s");

        await using var host = await BenchmarkHost.StartAsync(services => services.AddSingleton<IDigestBatchQueue, CollectingQueue>(), new()
        {
            ["Smtp:Host"] = Host,
            ["Smtp:Port"] = $"{Port}",
            ["Smtp:Security"] = "None",
            ["Delivery:Concurrency"] = $"{Connections}",
            ["Digests:MaxPapers"] = $"{maxPapers}",
        });
        var services = host.Services;
        var database = services.GetRequiredService<IDatabase>();

        var seed = Stopwatch.StartNew();
        // Some subscribers match nothing and get no digest: seed a few more, then keep exactly `messages` emails.
        await BenchmarkData.SubscribersAsync(database, messages + messages / 8, DateTime.UtcNow.AddDays(-2));
        await services.GetRequiredService<PaperStore>().SaveAsync(BenchmarkData.Papers(paperCount));
        await BuildDigestsAsync(services);
        long queued;
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync(
                "DELETE FROM outbox WHERE id NOT IN (SELECT id FROM outbox ORDER BY id LIMIT @messages)", new { messages });
            queued = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND kind = 'digest'");
        }

        Console.WriteLine($"seeded:              {queued:N0} digests queued (max {maxPapers} papers of {paperCount:N0}) in {seed.Elapsed.TotalSeconds:F1} s");
        if (queued != messages)
        {
            Console.Error.WriteLine($"expected {messages:N0} queued digests");
            return 1;
        }

        var averageSize = await BreakdownAsync(services, sample: 500);

        var (elapsed, peakDuringSend) = await DeliverAllAsync(services, database);
        await using (var connection = await database.OpenAsync())
        {
            var sent = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE status = 'sent'");
            var failed = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE status = 'failed'");
            var rate = sent / elapsed.TotalSeconds;
            var ceiling = messages / source.TotalSeconds;
            Console.WriteLine($"platform:            {sent:N0} sent, {failed:N0} failed, {Connections} connections in {elapsed.TotalSeconds:F2} s = {rate:N0} msg/s");
            Console.WriteLine($"ratio:               {rate / ceiling:P0} of smtp-source (target: at least 50%); bare MailKit is {messages / bare.TotalSeconds / ceiling:P0}");
            Console.WriteLine($"average message:     {averageSize / 1024:F1} KB (MIME as sent, sampled)");
            Console.WriteLine($"peak working set:    {peakDuringSend / 1024 / 1024:N0} MB while sending; {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MB for the whole run");
            return sent == messages ? 0 : 1;
        }
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
        await process.WaitForExitAsync();
        clock.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"smtp-source exited with {process.ExitCode}: {await errors}");
        }

        return clock.Elapsed;
    }

    /// <summary>The floor of MailKit itself: persistent clients with TCP_NODELAY sending trivial messages.</summary>
    private static async Task<TimeSpan> BareMailKitAsync(int messages)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(c => Task.Run(async () =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(Host, Port);
            using var client = new SmtpClient();
            await client.ConnectAsync(socket, Host, Port, SecureSocketOptions.None);
            for (var i = c; i < messages; i += Connections)
            {
                var message = new MimeMessage { Subject = $"bare {i}", Body = new TextPart("plain") { Text = "Hello." } };
                message.From.Add(new MailboxAddress("", "a@x.test"));
                message.To.Add(new MailboxAddress("", "b@x.test"));
                await client.SendAsync(message);
            }

            await client.DisconnectAsync(quit: true);
        })));
        return clock.Elapsed;
    }

    /// <summary>A manual digest run for every subscriber, its batches built in parallel as Hangfire workers would.</summary>
    private static async Task BuildDigestsAsync(IServiceProvider services)
    {
        var database = services.GetRequiredService<IDatabase>();
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
    }

    /// <summary>
    /// Where a message's time goes, on one thread over a sample of queued rows (nothing is claimed or sent):
    /// reading the model, rendering, composing the MIME message, writing it out. Returns the average size.
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

        // Warm up every path once, then time each stage over the whole sample.
        await composer.ComposeAsync(rows[0], CancellationToken.None);
        var models = new List<DigestEmail>();
        var read = Stopwatch.StartNew();
        foreach (var row in rows)
        {
            await using var connection = await database.OpenAsync();
            var subscriber = (await subscribers.GetAsync(connection, row.SubscriberId!.Value))!;
            var footer = new EmailFooter("", urls.Manage(subscriber), urls.Unsubscribe(subscriber));
            models.Add((await digests.CreateAsync(connection, row.DigestId!.Value, subscriber, footer))!);
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
        foreach (var row in rows)
        {
            composed.Add((await composer.ComposeAsync(row, CancellationToken.None))!);
        }

        compose.Stop();
        long bytes = 0;
        var write = Stopwatch.StartNew();
        foreach (var message in composed)
        {
            using var measure = new MeasuringStream();
            await message.WriteToAsync(measure);
            bytes += measure.Length;
        }

        write.Stop();
        double PerMessage(Stopwatch stage) => stage.Elapsed.TotalMicroseconds / rows.Count;
        Console.WriteLine($"one thread, per msg: read model {PerMessage(read):N0} µs, render {PerMessage(render):N0} µs, " +
                          $"compose (all three) {PerMessage(compose):N0} µs, write MIME {PerMessage(write):N0} µs ({rows.Count} sampled)");
        return (double)bytes / rows.Count;
    }

    /// <summary>Starts the delivery service and times it until no row is pending or sending; samples the working set meanwhile.</summary>
    private static async Task<(TimeSpan Elapsed, long PeakWorkingSet)> DeliverAllAsync(IServiceProvider services, IDatabase database)
    {
        // The host's other hosted services (Hangfire schedules) are not wanted here: start the sender pool alone.
        using var delivery = ActivatorUtilities.CreateInstance<DeliveryService>(services);
        GC.Collect();
        long peak = 0;
        var clock = Stopwatch.StartNew();
        await delivery.StartAsync(CancellationToken.None);
        await using (var connection = await database.OpenAsync())
        {
            while (true)
            {
                peak = Math.Max(peak, Environment.WorkingSet);
                if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')") == 0)
                {
                    break;
                }

                await Task.Delay(20);
            }
        }

        clock.Stop();
        await delivery.StopAsync(CancellationToken.None);
        return (clock.Elapsed, peak);
    }
}
