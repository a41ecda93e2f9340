using System.Net.Http.Json;
using System.Text.Json;
using MimeKit;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Delivery;

/// <summary>SIGKILL in the middle of a send, a restart on the same data directory, and nobody lost.</summary>
public class CrashTests
{
    private const int Subscribers = 2000;
    private const int Concurrency = 4;
    private const int ClaimBatchSize = 20;
    private const string AdminKey = "crash-test-admin-key";

    [Fact]
    public async Task A_run_killed_mid_send_completes_after_a_restart_with_nobody_lost()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "newsletter-tests", Guid.NewGuid().ToString("N"));
        var environment = new Dictionary<string, string>(AppProcess.SendingTo(smtp, AdminKey))
        {
            ["Newsletter__DataDirectory"] = dataDirectory,
            ["Delivery__Concurrency"] = Concurrency.ToString(),
            ["Delivery__ClaimBatchSize"] = ClaimBatchSize.ToString(),
            ["Delivery__ClaimTimeout"] = "00:00:05",
            ["Digests__BatchSize"] = "500",
        };

        long runId;
        var received = new List<MimeMessage>();
        await using (var first = await AppProcess.StartAsync(environment))
        {
            using var admin = first.Client(AdminKey);
            runId = await admin.StartRunForReadersAsync(Subscribers);

            while (received.Count < 200)
            {
                received.Add(await smtp.NextMessageAsync(TimeSpan.FromSeconds(60)));
            }

            first.Kill();
        }

        await using var second = await AppProcess.StartAsync(environment);
        using var restarted = second.Client(AdminKey);
        var report = await Eventually.HoldsAsync(
            () => restarted.GetFromJsonAsync<JsonElement>($"/api/admin/digests/runs/{runId}"),
            r => r.GetProperty("status").GetString() == "completed", "the run to complete after the restart", TimeSpan.FromSeconds(120));

        while (smtp.Messages.TryRead(out var message))
        {
            received.Add(message);
        }

        var digests = received.Where(m => m.MessageId.StartsWith("digest-", StringComparison.Ordinal)).ToList();
        var recipients = digests.Select(m => m.To.Mailboxes.Single().Address).ToList();
        Assert.Equal(Subscribers, report.GetProperty("sent").GetInt32());
        Assert.Equal(0, report.GetProperty("failed").GetInt32());
        Assert.Equal(Subscribers, recipients.Distinct().Count()); // nobody lost
        var duplicates = recipients.Count - Subscribers;
        Assert.InRange(duplicates, 0, Concurrency * ClaimBatchSize); // only what was in flight when killed
        Assert.All(digests.GroupBy(m => m.To.Mailboxes.Single().Address), g => Assert.Single(g.Select(m => m.MessageId).Distinct()));
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
