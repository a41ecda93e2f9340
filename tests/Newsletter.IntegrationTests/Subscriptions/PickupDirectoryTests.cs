using System.Net;
using System.Net.Http.Json;
using MimeKit;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Subscriptions;

public class PickupDirectoryTests
{
    [Fact]
    public async Task Without_an_SMTP_host_the_confirmation_is_an_eml_file_in_the_outbox_folder_whose_link_confirms()
    {
        await using var app = new NewsletterApp(smtpPort: null);
        using var client = app.HttpClient();
        var email = $"pickup-{Guid.NewGuid():N}@example.org";

        var response = await client.PostAsJsonAsync("/api/subscriptions", new { email, keywords = new[] { "diffusion" } });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var outbox = Path.Combine(app.DataDirectory, "outbox");
        var file = await Eventually.HoldsAsync(
            () => Task.FromResult(Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml").FirstOrDefault() : null),
            path => path is not null, "an .eml file in the outbox");
        var message = await MimeMessage.LoadAsync(file!);
        Assert.Equal(email, message.To.Mailboxes.Single().Address);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(NewsletterApp.PathOf(EmailLinks.Find(message, "/confirm/")))).StatusCode);
        Assert.Equal("active", await app.StatusOfAsync(email));
    }
}
