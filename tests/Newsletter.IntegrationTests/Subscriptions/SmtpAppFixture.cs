using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Subscriptions;

/// <summary>One app and one SMTP server shared by a test class; each test uses its own addresses.</summary>
public sealed class SmtpAppFixture : IAsyncLifetime
{
    public SmtpTestServer Smtp { get; private set; } = default!;
    public NewsletterApp App { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Smtp = await SmtpTestServer.StartAsync();
        App = new NewsletterApp(Smtp.Port);
        _ = App.Address; // start the host
    }

    /// <summary>The next email for <paramref name="recipient"/>; other tests' emails are skipped past.</summary>
    public async Task<MimeKit.MimeMessage> NextEmailToAsync(string recipient)
    {
        var earlier = Inbox.FirstOrDefault(m => IsTo(m, recipient));
        if (earlier is not null)
        {
            Inbox.Remove(earlier);
            return earlier;
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var message = await Smtp.NextMessageAsync(deadline - DateTime.UtcNow);
            if (IsTo(message, recipient))
            {
                return message;
            }

            Inbox.Add(message);
        }
    }

    private static bool IsTo(MimeKit.MimeMessage message, string recipient) =>
        message.To.Mailboxes.Any(m => m.Address.Equals(recipient, StringComparison.OrdinalIgnoreCase));

    /// <summary>Messages read while looking for another recipient's.</summary>
    public List<MimeKit.MimeMessage> Inbox { get; } = [];

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
