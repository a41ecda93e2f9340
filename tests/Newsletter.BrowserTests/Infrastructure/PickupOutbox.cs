using MimeKit;

namespace Newsletter.BrowserTests.Infrastructure;

/// <summary>The emails the app wrote to its pickup outbox folder ({DataDirectory}/outbox/*.eml).</summary>
public static class PickupOutbox
{
    /// <summary>Waits until at least <paramref name="count"/> emails to <paramref name="recipient"/> are there; returns them oldest first.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> EmailsToAsync(this NewsletterApp app, string recipient, int count = 1)
    {
        var outbox = Path.Combine(app.DataDirectory, "outbox");
        return await Eventually.HoldsAsync(async () =>
        {
            var messages = new List<MimeMessage>();
            foreach (var file in Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml") : [])
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.To.Mailboxes.Any(m => m.Address.Equals(recipient, StringComparison.OrdinalIgnoreCase)))
                {
                    messages.Add(message);
                }
            }

            return (IReadOnlyList<MimeMessage>)messages.OrderBy(m => m.Date).ToList();
        }, messages => messages.Count >= count, $"{count} email(s) to {recipient} in the pickup outbox");
    }

    /// <summary>The newest email to <paramref name="recipient"/>, once there are at least <paramref name="count"/>.</summary>
    public static async Task<MimeMessage> LatestEmailToAsync(this NewsletterApp app, string recipient, int count = 1) =>
        (await app.EmailsToAsync(recipient, count))[^1];

    /// <summary>The path (for the browser) of a link in an email, such as "/confirm/…".</summary>
    public static string LinkPath(MimeMessage message, string pathPrefix) => NewsletterApp.PathOf(EmailLinks.Find(message, pathPrefix));
}
