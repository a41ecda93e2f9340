using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MimeKit;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Digests;

/// <summary>
/// A running app with the sample papers, a real SMTP server, and subscribers made the way people make them:
/// subscribe over HTTP, then open the confirmation link from the email.
/// </summary>
public sealed partial class DigestWorld : IAsyncDisposable
{
    private readonly List<MimeMessage> inbox = [];

    private DigestWorld(SmtpTestServer smtp, NewsletterApp app)
    {
        Smtp = smtp;
        App = app;
    }

    public SmtpTestServer Smtp { get; }
    public NewsletterApp App { get; }

    public static async Task<DigestWorld> StartAsync()
    {
        var world = await StartEmptyAsync();
        await world.ImportAsync(Fixture.Paper("daily-papers-sample.txt"));
        await world.ImportAsync(Fixture.Paper("hf-daily-papers.json"));
        return world;
    }

    /// <summary>A world with no papers yet, the app configured with <paramref name="overrides"/> and running on <paramref name="clock"/>.</summary>
    public static async Task<DigestWorld> StartEmptyAsync(IDictionary<string, string?>? overrides = null, TimeProvider? clock = null)
    {
        var smtp = await SmtpTestServer.StartAsync();
        return new DigestWorld(smtp, new NewsletterApp(smtp.Port, overrides, clock: clock));
    }

    public async Task ImportAsync(byte[] file)
    {
        using var admin = App.CreateAdminClient();
        (await admin.PostAsync("/api/admin/papers/import", new ByteArrayContent(file))).EnsureSuccessStatusCode();
    }

    /// <summary>Waits until the background embedder has a vector for each of the <paramref name="papers"/> papers (matching by meaning on).</summary>
    public async Task EmbeddedAsync(int papers)
    {
        using var client = App.HttpClient();
        await Eventually.HoldsAsync(() => client.GetStringAsync("/health"), health =>
        {
            var index = JsonDocument.Parse(health).RootElement.GetProperty("checks").GetProperty("semanticIndex").GetProperty("data");
            return index.GetProperty("papers").GetInt64() == papers && index.GetProperty("embedded").GetInt64() == papers;
        }, $"{papers} papers embedded in the background", TimeSpan.FromSeconds(120));
    }

    /// <summary>Subscribes; confirms unless <paramref name="confirm"/> is false. Returns the confirmation email.</summary>
    public Task<MimeMessage> SubscribeAsync(string email, string[] keywords, bool confirm = true) =>
        SubscribeAsync(new { email, keywords }, email, confirm);

    /// <summary>Subscribes with a whole request body (cadence, hour, time zone…); confirms unless told not to.</summary>
    public async Task<MimeMessage> SubscribeAsync(object body, string email, bool confirm = true)
    {
        using var client = App.HttpClient();
        (await client.PostAsJsonAsync("/api/subscriptions", body)).EnsureSuccessStatusCode();
        var confirmation = await NextEmailToAsync(email);
        if (confirm)
        {
            (await client.GetAsync(NewsletterApp.PathOf(EmailLinks.Find(confirmation, "/confirm/")))).EnsureSuccessStatusCode();
        }

        return confirmation;
    }

    public async Task<JsonElement> RunAsync(object? body = null)
    {
        using var admin = App.CreateAdminClient();
        var started = await admin.PostAsJsonAsync("/api/admin/digests/runs", body ?? new { });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetInt64();
        return await Eventually.HoldsAsync(
            () => admin.GetFromJsonAsync<JsonElement>($"/api/admin/digests/runs/{runId}"),
            report => report.GetProperty("status").GetString() == "completed", $"run {runId} to complete", TimeSpan.FromSeconds(60));
    }

    /// <summary>Every digest email that has arrived so far, by recipient.</summary>
    public Dictionary<string, List<MimeMessage>> Digests()
    {
        while (Smtp.Messages.TryRead(out var message))
        {
            inbox.Add(message);
        }

        return inbox.Where(m => m.MessageId.StartsWith("digest-", StringComparison.Ordinal))
            .GroupBy(m => m.To.Mailboxes.Single().Address)
            .ToDictionary(g => g.Key, g => g.ToList());
    }

    public async Task<MimeMessage> NextEmailToAsync(string recipient)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var earlier = inbox.FirstOrDefault(m => m.To.Mailboxes.Any(a => a.Address == recipient) && !m.MessageId.StartsWith("digest-", StringComparison.Ordinal));
            if (earlier is not null)
            {
                inbox.Remove(earlier);
                return earlier;
            }

            inbox.Add(await Smtp.NextMessageAsync(deadline - DateTime.UtcNow));
        }
    }

    /// <summary>The paper titles listed in a digest's text part, in order.</summary>
    public static List<string> Titles(MimeMessage digest) =>
        NumberedLine().Matches(digest.TextBody).Select(m => m.Groups[1].Value.Trim()).ToList();

    [GeneratedRegex(@"^\d+\. (.+)$", RegexOptions.Multiline)]
    private static partial Regex NumberedLine();

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
