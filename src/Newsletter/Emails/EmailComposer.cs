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
    public async Task<MimeMessage?> ComposeAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        await (await LoadAsync([message], cancellationToken)).ComposeAsync(message);

    /// <summary>
    /// Reads what a batch of outbox rows renders from (subscribers, digests, papers) with a few queries for the
    /// whole batch rather than several per message. The result renders each message only when asked for it.
    /// </summary>
    public async Task<Batch> LoadAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var sendable = messages.Where(m => m.SubscriberId is not null && EmailAddressRules.Validate(m.Recipient) is null).ToList();
        if (sendable.Count == 0)
        {
            return new Batch(this, new Dictionary<long, Subscriber>(), new Dictionary<long, DigestEmail>());
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var found = await subscribers.GetManyAsync(connection, sendable.Select(m => m.SubscriberId!.Value));
        var requests = new List<DigestEmailFactory.Request>();
        foreach (var message in sendable)
        {
            // Someone who left after the digest was built gets nothing.
            if (message is { Kind: EmailKind.Digest, DigestId: { } digestId }
                && found.TryGetValue(message.SubscriberId!.Value, out var subscriber) && subscriber.Status == SubscriberStatus.Active)
            {
                requests.Add(new DigestEmailFactory.Request(digestId, subscriber, Footer(subscriber)));
            }
        }

        var digestEmails = requests.Count == 0 ? new Dictionary<long, DigestEmail>() : await digests.CreateAsync(connection, requests);
        return new Batch(this, found, digestEmails);
    }

    /// <summary>The data a batch of outbox rows renders from; composes one message at a time.</summary>
    public sealed class Batch
    {
        private readonly EmailComposer composer;
        private readonly IReadOnlyDictionary<long, Subscriber> subscribers;
        private readonly IReadOnlyDictionary<long, DigestEmail> digests;

        internal Batch(EmailComposer composer, IReadOnlyDictionary<long, Subscriber> subscribers, IReadOnlyDictionary<long, DigestEmail> digests)
        {
            this.composer = composer;
            this.subscribers = subscribers;
            this.digests = digests;
        }

        /// <summary>Renders one message of the batch; null when it can no longer be sent.</summary>
        public Task<MimeMessage?> ComposeAsync(OutboxMessage message) =>
            message.SubscriberId is { } subscriberId && subscribers.TryGetValue(subscriberId, out var subscriber)
                && subscriber.Status != SubscriberStatus.Bounced
                && EmailAddressRules.Validate(message.Recipient) is null
                ? composer.ComposeAsync(message, subscriber, message.DigestId is { } digestId ? digests.GetValueOrDefault(digestId) : null)
                : Task.FromResult<MimeMessage?>(null);
    }

    private EmailFooter Footer(Subscriber subscriber) => new(
        $"You get this email because {subscriber.Email} subscribed to papers on {string.Join(", ", subscriber.Keywords)}.",
        urls.Manage(subscriber),
        urls.Unsubscribe(subscriber));

    private async Task<MimeMessage?> ComposeAsync(OutboxMessage message, Subscriber subscriber, DigestEmail? digest)
    {
        if (message.Kind == EmailKind.Digest)
        {
            return digest is null ? null : Build(message, await RenderAsync<Digest, DigestText>(digest), digest.Footer);
        }

        var footer = Footer(subscriber);
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

    /// <summary>
    /// multipart/alternative, text first, both parts UTF-8 (MimeKit would otherwise pick Latin-1 when it fits).
    /// The text part's encoding is left to the transport (8bit where the server allows it); the HTML part is
    /// quoted-printable up front, which it would get anyway: Razor writes lines longer than SMTP's 998 bytes.
    /// </summary>
    private static MultipartAlternative Alternative(string text, string html)
    {
        var plain = new TextPart(MimeKit.Text.TextFormat.Plain);
        plain.SetText(System.Text.Encoding.UTF8, text);
        var rich = new TextPart(MimeKit.Text.TextFormat.Html) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
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
