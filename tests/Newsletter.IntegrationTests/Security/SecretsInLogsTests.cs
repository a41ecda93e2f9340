using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Security;

public class SecretsInLogsTests
{
    [Fact]
    public async Task Neither_the_admin_key_nor_any_link_token_ever_reaches_the_log()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app = new NewsletterApp(smtp.Port);
        using var client = app.HttpClient();
        using var admin = app.CreateAdminClient();

        await client.PostAsJsonAsync("/api/subscriptions", new { email = "secret@example.org", keywords = new[] { "SAM" } });
        var confirmation = await smtp.NextMessageAsync();
        var tokens = new[] { "/confirm/", "/manage/", "/unsubscribe/" }
            .Select(route => EmailLinks.Find(confirmation, route).Split('/').Last()).ToList();
        await client.GetAsync(NewsletterApp.PathOf(EmailLinks.Find(confirmation, "/confirm/")));
        await client.GetAsync(NewsletterApp.PathOf(EmailLinks.Find(confirmation, "/manage/")));
        await client.PostAsync(NewsletterApp.PathOf(EmailLinks.Find(confirmation, "/unsubscribe/")), new FormUrlEncodedContent([]));
        await admin.GetAsync("/api/admin/subscribers");
        using var wrongKey = app.HttpClient();
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", NewsletterApp.AdminKey + "-guess");
        await wrongKey.GetAsync("/api/admin/subscribers");
        wrongKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{NewsletterApp.AdminKey}")));
        await wrongKey.GetAsync("/hangfire");
        await client.GetAsync("/manage/" + tokens[1] + "x"); // a forged token too

        var log = string.Join("\n", app.Logs.Lines);
        Assert.NotEmpty(app.Logs.Lines);
        Assert.DoesNotContain(NewsletterApp.AdminKey, log);
        Assert.All(tokens, token => Assert.DoesNotContain(token, log));
    }
}
