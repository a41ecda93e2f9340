using System.Net.Http.Json;
using System.Text;
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
        var environment = new Dictionary<string, string>
        {
            ["Newsletter__DataDirectory"] = dataDirectory,
            ["Newsletter__AdminApiKey"] = AdminKey,
            ["Newsletter__PublicBaseUrl"] = "https://papers.example.test",
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = smtp.Port.ToString(),
            ["Smtp__Security"] = "None",
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
            (await admin.PostAsync("/api/admin/papers/import", new ByteArrayContent(Fixture.Paper("daily-papers-sample.txt")))).EnsureSuccessStatusCode();
            var csv = "email,keywords,cadence\n" + string.Join("\n", Enumerable.Range(0, Subscribers).Select(i => $"reader{i}@example.org,SAM;diffusion,daily"));
            (await admin.PostAsync("/api/admin/subscribers/import?confirmed=true", new StringContent(csv, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
            var started = await admin.PostAsJsonAsync("/api/admin/digests/runs", new { });
            runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetInt64();

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
