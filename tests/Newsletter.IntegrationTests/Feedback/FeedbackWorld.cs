using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using MimeKit;
using Newsletter.IntegrationTests.Digests;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Feedback;

/// <summary>
/// One running app with the sample papers and a real SMTP server, shared by a test class. Each test makes its
/// own reader: subscribed and confirmed over HTTP, sent a real digest by a digest run.
/// </summary>
public sealed partial class FeedbackWorld : IAsyncLifetime
{
    public DigestWorld World { get; private set; } = default!;

    public NewsletterApp App => World.App;

    public async Task InitializeAsync() => World = await DigestWorld.StartAsync();

    public async Task DisposeAsync() => await World.DisposeAsync();

    /// <summary>A confirmed reader of <paramref name="keywords"/> with their first digest: the confirmation email and the digest.</summary>
    public async Task<Reader> ReaderAsync(params string[] keywords)
    {
        var email = $"reader-{Guid.NewGuid():N}@example.org";
        var confirmation = await World.SubscribeAsync(email, keywords);
        await World.RunAsync();
        return new Reader(email, confirmation, World.Digests()[email].Single());
    }

    /// <summary>What the page's script sends: a POST without a body, asking for JSON.</summary>
    public async Task<HttpResponseMessage> FetchAsync(string path)
    {
        using var client = App.HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Accept.ParseAdd("application/json");
        return await client.SendAsync(request);
    }

    /// <summary>What a browser sends when the page's button is pressed without script.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path)
    {
        using var client = App.HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([]) };
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return await client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> GetAsync(string path, string accept, HttpMethod? method = null)
    {
        using var client = App.HttpClient();
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        return await client.SendAsync(request);
    }

    public async Task<long> VotesAsync(string? email = null)
    {
        await using var connection = await App.OpenDatabaseAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM votes v JOIN subscribers s ON s.id = v.subscriber_id WHERE @email IS NULL OR s.email = @email", new { email });
    }

    public async Task<long> PaperIdAsync(string title)
    {
        await using var connection = await App.OpenDatabaseAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM papers WHERE title = @title", new { title });
    }

    public async Task<JsonElement> ExportAsync(Reader reader)
    {
        using var client = App.HttpClient();
        return await client.GetFromJsonAsync<JsonElement>(reader.ManagePath + "/export");
    }

    /// <summary>A reader, their confirmation email (manage and unsubscribe links) and their digest.</summary>
    public sealed record Reader(string Email, MimeMessage Confirmation, MimeMessage Digest)
    {
        public string ManagePath => NewsletterApp.PathOf(EmailLinks.Find(Confirmation, "/manage/"));

        /// <summary>Each paper of the digest's text part with its "More like this" and "Less like this" paths, in order.</summary>
        public IReadOnlyList<(string Title, string More, string Less)> Papers =>
            PaperLinks().Matches(Digest.TextBody!).Select(m =>
                (m.Groups[1].Value.Trim(), NewsletterApp.PathOf(m.Groups[2].Value), NewsletterApp.PathOf(m.Groups[3].Value))).ToList();
    }

    [GeneratedRegex(@"^\d+\. (.+?)\r?$(?:\r?\n(?!\d+\. ).*)*?\r?\n   More like this: (\S+)\r?\n   Less like this: (\S+)", RegexOptions.Multiline)]
    private static partial Regex PaperLinks();
}
