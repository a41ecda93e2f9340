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
            PaperLinks().Matches(Digest.TextBody).Select(m =>
                (m.Groups[1].Value.Trim(), NewsletterApp.PathOf(m.Groups[2].Value), NewsletterApp.PathOf(m.Groups[3].Value))).ToList();
    }

    [GeneratedRegex(@"^\d+\. (.+?)\r?$(?:\r?\n(?!\d+\. ).*)*?\r?\n   More like this: (\S+)\r?\n   Less like this: (\S+)", RegexOptions.Multiline)]
    private static partial Regex PaperLinks();
}
