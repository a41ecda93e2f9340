using Microsoft.Extensions.Options;
using MimeKit;
using Newsletter.Data;
using Newsletter.Delivery;
using Newsletter.Subscriptions;
using Newsletter.Templates;

namespace Newsletter.Emails;

/// <summary>
/// Turns an outbox row into a MIME message: renders its templates once, as multipart/alternative (text and
/// HTML with the same content and links), with the headers every email carries: a stable Message-ID,
/// List-Id, and RFC 8058 one-click List-Unsubscribe.
/// </summary>
public sealed class EmailComposer(
    IDatabase database,
    SubscriberStore subscribers,
    PublicUrls urls,
    EmailRenderer renderer,
    IOptions<NewsletterOptions> options,
    TimeProvider clock)
{
    /// <summary>Returns null when the message can no longer be sent (its subscriber is gone, or the address is unusable).</summary>
    public async Task<MimeMessage?> ComposeAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.SubscriberId is not { } subscriberId || EmailAddressRules.Validate(message.Recipient) is not null)
        {
            return null;
        }

        Subscriber? subscriber;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            subscriber = await subscribers.GetAsync(connection, subscriberId);
        }

        if (subscriber is null)
        {
            return null;
        }

        var footer = new EmailFooter(
            $"You get this email because {subscriber.Email} subscribed to papers on {string.Join(", ", subscriber.Keywords)}.",
            urls.Manage(subscriber),
            urls.Unsubscribe(subscriber));

        var (subject, html, text) = message.Kind switch
        {
            EmailKind.ConfirmSubscription => await RenderAsync<ConfirmSubscription, ConfirmSubscriptionText>(
                new ConfirmSubscriptionEmail(
                    urls.Confirm(subscriber, clock.GetUtcNow()), subscriber.Keywords, subscriber.Cadence,
                    (int)Math.Round(options.Value.ConfirmationTokenLifetime.TotalDays), footer)),
            EmailKind.AlreadySubscribed => await RenderAsync<AlreadySubscribed, AlreadySubscribedText>(
                new AlreadySubscribedEmail(subscriber.Keywords, subscriber.Cadence, footer)),
            _ => throw new InvalidOperationException($"No template for outbox kind '{message.Kind}'."),
        };

        return Build(message, subject, html, text, footer);
    }

    private async Task<(string Subject, string Html, string Text)> RenderAsync<THtml, TText>(IEmailModel model)
        where THtml : Microsoft.AspNetCore.Components.IComponent
        where TText : Microsoft.AspNetCore.Components.IComponent
    {
        var (html, text) = await renderer.RenderAsync<THtml, TText>("Email", model);
        return (model.Subject, html, text);
    }

    private MimeMessage Build(OutboxMessage message, string subject, string html, string text, EmailFooter footer)
    {
        var settings = options.Value;
        var mime = new MimeMessage
        {
            Subject = subject,
            Date = clock.GetUtcNow(),
            MessageId = message.MessageId,
            Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody(),
        };
        mime.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        mime.To.Add(MailboxAddress.Parse(message.Recipient));
        mime.Headers.Add(HeaderId.ListId, $"{settings.FromName} <papers.{urls.BaseUri.Host}>");
        mime.Headers.Add(HeaderId.ListUnsubscribe, $"<{footer.UnsubscribeUrl}>");
        mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return mime;
    }
}
