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
    DigestEmailFactory digests,
    MessageSigner signer,
    IOptions<NewsletterOptions> options,
    IOptions<DeliveryOptions> delivery,
    TimeProvider clock)
{
    /// <summary>Returns null when the message can no longer be sent (its subscriber is gone, or the address is unusable).</summary>
    public async Task<MimeMessage?> ComposeAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.SubscriberId is not { } subscriberId || EmailAddressRules.Validate(message.Recipient) is not null)
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var subscriber = await subscribers.GetAsync(connection, subscriberId);
        if (subscriber is null || subscriber.Status == SubscriberStatus.Bounced)
        {
            return null;
        }

        var footer = new EmailFooter(
            $"You get this email because {subscriber.Email} subscribed to papers on {string.Join(", ", subscriber.Keywords)}.",
            urls.Manage(subscriber),
            urls.Unsubscribe(subscriber));
        if (message.Kind == EmailKind.Digest)
        {
            // Someone who left after the digest was built gets nothing.
            var digest = subscriber.Status == SubscriberStatus.Active && message.DigestId is { } digestId
                ? await digests.CreateAsync(connection, digestId, subscriber, footer)
                : null;
            return digest is null ? null : Build(message, await RenderAsync<Digest, DigestText>(digest), footer);
        }

        var content = message.Kind switch
        {
            EmailKind.ConfirmSubscription => await RenderAsync<ConfirmSubscription, ConfirmSubscriptionText>(
                new ConfirmSubscriptionEmail(
                    urls.Confirm(subscriber, clock.GetUtcNow()), subscriber.Keywords, subscriber.Cadence,
                    (int)Math.Round(options.Value.ConfirmationTokenLifetime.TotalDays), footer)),
            EmailKind.AlreadySubscribed => await RenderAsync<AlreadySubscribed, AlreadySubscribedText>(
                new AlreadySubscribedEmail(subscriber.Keywords, subscriber.Cadence, footer)),
            _ => throw new InvalidOperationException($"No template for outbox kind '{message.Kind}'."),
        };

        return Build(message, content, footer);
    }

    private async Task<(string Subject, string Html, string Text)> RenderAsync<THtml, TText>(IEmailModel model)
        where THtml : Microsoft.AspNetCore.Components.IComponent
        where TText : Microsoft.AspNetCore.Components.IComponent
    {
        var (html, text) = await renderer.RenderAsync<THtml, TText>("Email", model);
        return (model.Subject, html, text);
    }

    /// <summary>multipart/alternative, text first, both parts UTF-8 (MimeKit would otherwise pick Latin-1 when it fits).</summary>
    private static MultipartAlternative Alternative(string text, string html)
    {
        var plain = new TextPart(MimeKit.Text.TextFormat.Plain);
        plain.SetText(System.Text.Encoding.UTF8, text);
        var rich = new TextPart(MimeKit.Text.TextFormat.Html);
        rich.SetText(System.Text.Encoding.UTF8, html);
        return new MultipartAlternative { plain, rich };
    }

    private MimeMessage Build(OutboxMessage message, (string Subject, string Html, string Text) content, EmailFooter footer)
    {
        var (subject, html, text) = content;
        var settings = options.Value;
        var mime = new MimeMessage
        {
            Subject = subject,
            Date = clock.GetUtcNow(),
            MessageId = message.MessageId,
            Body = Alternative(text, html),
        };
        mime.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        mime.To.Add(MailboxAddress.Parse(message.Recipient));
        mime.Headers.Add(HeaderId.ListId, $"{settings.FromName} <papers.{urls.BaseUri.Host}>");
        var mailto = delivery.Value.UnsubscribeMailto is { Length: > 0 } address
            ? $", <mailto:{address}?subject=unsubscribe%20{Uri.EscapeDataString(footer.UnsubscribeUrl[(footer.UnsubscribeUrl.LastIndexOf('/') + 1)..])}>"
            : "";
        mime.Headers.Add(HeaderId.ListUnsubscribe, $"<{footer.UnsubscribeUrl}>{mailto}");
        mime.Headers.Add(HeaderId.ListUnsubscribePost, "List-Unsubscribe=One-Click");
        signer.Sign(mime);
        return mime;
    }
}
