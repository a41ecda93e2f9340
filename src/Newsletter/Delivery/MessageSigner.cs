using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Cryptography;

namespace Newsletter.Delivery;

/// <summary>
/// DKIM-signs outgoing messages with MimeKit's <see cref="DkimSigner"/> when <c>Dkim:*</c> is configured. The
/// signature covers From, To, Subject, Date, Message-ID and both List-Unsubscribe headers, as RFC 8058 requires.
/// </summary>
public sealed class MessageSigner
{
    public static readonly HeaderId[] SignedHeaders =
        [HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId, HeaderId.ListUnsubscribe, HeaderId.ListUnsubscribePost];

    private readonly DkimSigner? signer;

    public MessageSigner(IOptions<DkimOptions> options)
    {
        var settings = options.Value;
        if (settings.Enabled)
        {
            signer = new DkimSigner(settings.PrivateKeyPath!, settings.Domain!, settings.Selector!, DkimSignatureAlgorithm.RsaSha256)
            {
                HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
                BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            };
        }
    }

    public bool Enabled => signer is not null;

    /// <summary>Signs in place (after fixing the transfer encodings, so relays cannot change the signed bytes).</summary>
    public void Sign(MimeMessage message)
    {
        if (signer is null)
        {
            return;
        }

        message.Prepare(EncodingConstraint.SevenBit);
        signer.Sign(message, SignedHeaders);
    }
}
