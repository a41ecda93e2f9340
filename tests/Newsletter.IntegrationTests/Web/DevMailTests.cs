using System.Net;
using System.Net.Http.Json;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Web;

/// <summary>The Development mail viewer does not exist in any other environment.</summary>
public class DevMailTests
{
    [Fact]
    public async Task Outside_Development_the_mail_viewer_is_404_even_with_emails_in_the_outbox()
    {
        await using var app = new NewsletterApp(smtpPort: null);
        using var client = app.HttpClient();
        await client.PostAsJsonAsync("/api/subscriptions", new { email = "dev-mail@example.org", keywords = new[] { "SAM" } });
        var outbox = Path.Combine(app.DataDirectory, "outbox");
        var file = Path.GetFileName(await Eventually.HoldsAsync(
            () => Task.FromResult(Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml").FirstOrDefault() : null),
            path => path is not null, "an .eml file in the outbox"));

        foreach (var path in new[] { "/dev/mail", $"/dev/mail/{file}", $"/dev/mail/{file}/html" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        }

        Assert.DoesNotContain("/dev/mail", await client.GetStringAsync("/check-inbox"));
    }
}
