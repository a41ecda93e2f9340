using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MimeKit.Cryptography;
using Newsletter.Data;
using Newsletter.IntegrationTests.Infrastructure;
using SmtpServer.Protocol;

namespace Newsletter.IntegrationTests.Delivery;

/// <summary>The delivery engine against a real SMTP server on loopback that refuses, defers and goes away.</summary>
public class DeliveryFaultTests
{
    private static async Task SubscribeAsync(NewsletterApp app, string email)
    {
        using var client = app.HttpClient();
        (await client.PostAsJsonAsync("/api/subscriptions", new { email, keywords = new[] { "diffusion" } })).EnsureSuccessStatusCode();
    }

    private static async Task<List<(string Recipient, string Status, int Attempts)>> OutboxAsync(NewsletterApp app)
    {
        await using var connection = await app.Services.GetRequiredService<IDatabase>().OpenAsync();
        return (await connection.QueryAsync<(string, string, int)>("SELECT recipient, status, attempts FROM outbox ORDER BY id")).ToList();
    }

    private static Task<List<(string Recipient, string Status, int Attempts)>> SettledAsync(NewsletterApp app, int count) =>
        Eventually.HoldsAsync(() => OutboxAsync(app), rows => rows.Count == count && rows.All(r => r.Status is "sent" or "failed"),
            "every email to be sent or failed", TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_4xx_is_retried_and_the_email_arrives_once()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var deferrals = 2;
        smtp.RecipientResponse = to => to.StartsWith("later@") && Interlocked.Decrement(ref deferrals) >= 0
            ? new SmtpResponse(SmtpReplyCode.Unavailable, "try again later")
            : null;
        await using var app = new NewsletterApp(smtp.Port);

        await SubscribeAsync(app, "later@example.org");

        var rows = await SettledAsync(app, 1);
        Assert.Equal(("sent", 3), (rows[0].Status, rows[0].Attempts));
        var message = await smtp.NextMessageAsync();
        Assert.Equal("later@example.org", message.To.Mailboxes.Single().Address);
        Assert.False(smtp.Messages.TryRead(out _));
    }

    [Fact]
    public async Task A_5xx_for_a_recipient_fails_the_email_and_enough_of_them_bounce_the_subscriber()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        smtp.RecipientResponse = to => to.StartsWith("gone@") ? new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "no such user") : null;
        await using var app = new NewsletterApp(smtp.Port, new Dictionary<string, string?> { ["Delivery:BounceLimit"] = "2" });

        await SubscribeAsync(app, "gone@example.org");
        var first = await SettledAsync(app, 1);
        Assert.Equal(("failed", 1), (first[0].Status, first[0].Attempts));
        Assert.Equal("pending", await app.StatusOfAsync("gone@example.org"));

        await SubscribeAsync(app, "gone@example.org");
        await SettledAsync(app, 2);

        Assert.Equal("bounced", await app.StatusOfAsync("gone@example.org"));
        await using var connection = await app.Services.GetRequiredService<IDatabase>().OpenAsync();
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("SELECT hard_bounces FROM subscribers WHERE email = 'gone@example.org'"));
        Assert.False(smtp.Messages.TryRead(out _));
    }

    [Fact]
    public async Task With_the_server_down_and_then_back_every_email_is_delivered_exactly_once()
    {
        int port;
        await using (var probe = await SmtpTestServer.StartAsync())
        {
            port = probe.Port; // a port known to be free, now closed again
        }

        await using var app = new NewsletterApp(port, new Dictionary<string, string?> { ["Delivery:RetryDelay"] = "00:00:00.100", ["Delivery:MaxRetryDelay"] = "00:00:01" });
        var recipients = Enumerable.Range(0, 12).Select(i => $"outage{i}@example.org").ToList();
        foreach (var recipient in recipients)
        {
            await SubscribeAsync(app, recipient);
        }

        await Eventually.HoldsAsync(() => OutboxAsync(app), rows => rows.Count == 12 && rows.All(r => r.Attempts >= 2),
            "every email to have been tried while the server is down");
        await using var smtp = await SmtpTestServer.StartAsync(port);

        var rows = await SettledAsync(app, 12);

        Assert.All(rows, r => Assert.Equal("sent", r.Status));
        var received = new List<string>();
        while (received.Count < 12)
        {
            received.Add((await smtp.NextMessageAsync()).To.Mailboxes.Single().Address);
        }

        Assert.Equal(recipients.Order(), received.Order());
        Assert.False(smtp.Messages.TryRead(out _));
    }

    [Fact]
    public async Task Emails_are_DKIM_signed_over_the_RFC_8058_headers_and_the_signature_verifies()
    {
        using var rsa = RSA.Create(2048);
        var keyPath = Path.Combine(Path.GetTempPath(), $"dkim-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(keyPath, rsa.ExportRSAPrivateKeyPem());
        try
        {
            await using var smtp = await SmtpTestServer.StartAsync();
            await using var app = new NewsletterApp(smtp.Port, new Dictionary<string, string?>
            {
                ["Dkim:Domain"] = "papers.example.test",
                ["Dkim:Selector"] = "mail2026",
                ["Dkim:PrivateKeyPath"] = keyPath,
                ["Delivery:UnsubscribeMailto"] = "leave@papers.example.test",
            });

            await SubscribeAsync(app, "signed@example.org");
            var message = await smtp.NextMessageAsync();

            var signature = message.Headers[HeaderId.DkimSignature];
            Assert.NotNull(signature);
            foreach (var header in new[] { "from", "to", "subject", "date", "message-id", "list-unsubscribe", "list-unsubscribe-post" })
            {
                Assert.Matches($@"h=[^;]*\b{header}\b", signature.ToLowerInvariant().Replace(" ", "").Replace("\r\n", "").Replace("\t", ""));
            }

            Assert.Contains("<mailto:leave@papers.example.test?subject=unsubscribe%20", message.Headers[HeaderId.ListUnsubscribe]);
            var verifier = new DkimVerifier(new StaticKeyLocator(Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo())));
            var index = message.Headers.IndexOf(HeaderId.DkimSignature);
            Assert.True(await verifier.VerifyAsync(message, message.Headers[index]));

            message.Subject += " (tampered)";
            Assert.False(await verifier.VerifyAsync(message, message.Headers[index]));
        }
        finally
        {
            File.Delete(keyPath);
        }
    }

    private sealed class StaticKeyLocator(string publicKey) : DkimPublicKeyLocatorBase
    {
        public override Org.BouncyCastle.Crypto.AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            domain == "papers.example.test" && selector == "mail2026" ? GetPublicKey($"v=DKIM1; k=rsa; p={publicKey}") : throw new InvalidOperationException("unknown key");

        public override Task<Org.BouncyCastle.Crypto.AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
    }
}
