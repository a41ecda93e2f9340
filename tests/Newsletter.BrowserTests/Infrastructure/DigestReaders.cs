using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using MimeKit;

namespace Newsletter.BrowserTests.Infrastructure;

/// <summary>Readers with a real digest in the pickup outbox: subscribed and confirmed over HTTP, then a digest run through the admin API.</summary>
public static partial class DigestReaders
{
    /// <summary>Subscribes and confirms <paramref name="email"/>, runs the digests, and returns the digest that arrived for them.</summary>
    public static async Task<MimeMessage> ReaderWithDigestAsync(this NewsletterApp app, string email, params string[] keywords)
    {
        using (var client = app.HttpClient())
        {
            (await client.PostAsJsonAsync("/api/subscriptions", new { email, keywords })).EnsureSuccessStatusCode();
            var confirmation = await app.LatestEmailToAsync(email);
            (await client.GetAsync(PickupOutbox.LinkPath(confirmation, "/confirm/"))).EnsureSuccessStatusCode();
        }

        using var admin = app.CreateAdminClient();
        var started = await admin.PostAsJsonAsync("/api/admin/digests/runs", new { });
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetInt64();
        await Eventually.HoldsAsync(() => admin.GetFromJsonAsync<JsonElement>($"/api/admin/digests/runs/{runId}"),
            run => run.GetProperty("status").GetString() == "completed", $"run {runId} to complete", TimeSpan.FromSeconds(60));
        return (await app.EmailsToAsync(email, count: 2)).Single(m => m.MessageId!.StartsWith("digest-", StringComparison.Ordinal));
    }

    /// <summary>The path of the first "More like this" (or "Less like this") link in a digest's text part.</summary>
    public static string FeedbackPath(MimeMessage digest, string direction) =>
        NewsletterApp.PathOf(Regex.Match(digest.TextBody!, $@"{direction} like this: (\S+)").Groups[1].Value);

    /// <summary>The reader's votes as stored: (paper title, vote).</summary>
    public static async Task<List<(string Title, string Vote)>> VotesOfAsync(this NewsletterApp app, string email)
    {
        await using var connection = await app.OpenDatabaseAsync();
        return (await connection.QueryAsync<(string, string)>("""
            SELECT p.title, v.vote FROM votes v JOIN papers p ON p.id = v.paper_id JOIN subscribers s ON s.id = v.subscriber_id
            WHERE s.email = @email
            """, new { email })).ToList();
    }
}
