using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Data;
using Newsletter.IntegrationTests.Infrastructure;
using SmtpServer.Protocol;

namespace Newsletter.IntegrationTests.Delivery;

/// <summary>The SMTP server is away when a digest run starts, then answers 421, then recovers.</summary>
public class OutageTests
{
    private const int Subscribers = 40;

    [Fact]
    public async Task A_run_that_starts_during_an_SMTP_outage_delivers_every_digest_exactly_once_after_recovery()
    {
        int port;
        await using (var probe = await SmtpTestServer.StartAsync())
        {
            port = probe.Port;
        }

        await using var app = new NewsletterApp(port, new Dictionary<string, string?>
        {
            ["Delivery:RetryDelay"] = "00:00:00.200",
            ["Delivery:MaxRetryDelay"] = "00:00:02",
        });
        using var admin = app.CreateAdminClient();
        (await admin.PostAsync("/api/admin/papers/import", new ByteArrayContent(Fixture.Paper("daily-papers-sample.txt")))).EnsureSuccessStatusCode();
        var csv = "email,keywords,cadence\n" + string.Join("\n", Enumerable.Range(0, Subscribers).Select(i => $"reader{i}@example.org,SAM,daily"));
        (await admin.PostAsync("/api/admin/subscribers/import?confirmed=true", new StringContent(csv, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var runId = (await (await admin.PostAsJsonAsync("/api/admin/digests/runs", new { })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetInt64();

        // Phase 1: connection refused, until the senders have failed to connect several times.
        var down = await Eventually.HoldsAsync(() => OutboxAsync(app), o => o.Rows == Subscribers && o.Attempts >= 5,
            "repeated connection failures while the server is down");

        // Phase 2: the server is back but answers 421 (service not available) to everything, for a few more attempts.
        await using var smtp = await SmtpTestServer.StartAsync(port);
        var unavailable = true;
        smtp.RecipientResponse = _ => Volatile.Read(ref unavailable) ? new SmtpResponse(SmtpReplyCode.ServiceClosingTransmissionChannel, "try again later") : null;
        await Eventually.HoldsAsync(() => OutboxAsync(app), o => o.Attempts >= down.Attempts + 5, "digests to be refused with 421 too");
        Assert.False(smtp.Messages.TryRead(out _));

        // Recovery.
        Volatile.Write(ref unavailable, false);
        var report = await Eventually.HoldsAsync(
            () => admin.GetFromJsonAsync<JsonElement>($"/api/admin/digests/runs/{runId}"),
            r => r.GetProperty("status").GetString() == "completed", "the run to complete after recovery", TimeSpan.FromSeconds(60));

        Assert.Equal((Subscribers, 0), (report.GetProperty("sent").GetInt32(), report.GetProperty("failed").GetInt32()));
        var recipients = new List<string>();
        while (smtp.Messages.TryRead(out var message))
        {
            recipients.Add(message.To.Mailboxes.Single().Address);
        }

        Assert.Equal(Subscribers, recipients.Count);
        Assert.Equal(Subscribers, recipients.Distinct().Count());
    }

    /// <summary>Digest rows and their attempts in all.</summary>
    private static async Task<(int Rows, int Attempts)> OutboxAsync(NewsletterApp app)
    {
        await using var connection = await app.Services.GetRequiredService<IDatabase>().OpenAsync();
        return await connection.QuerySingleAsync<(int, int)>("SELECT COUNT(*), COALESCE(SUM(attempts), 0) FROM outbox WHERE kind = 'digest'");
    }
}
