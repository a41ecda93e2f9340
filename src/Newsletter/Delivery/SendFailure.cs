using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Newsletter.Delivery;

/// <summary>Why a send failed, and what to do about it.</summary>
/// <param name="Permanent">True when retrying cannot help (a 5xx for this message or recipient).</param>
/// <param name="ConnectionBroken">True when the connection must be replaced before the next send.</param>
/// <param name="Bounce">True when the recipient address itself was refused (a hard bounce).</param>
public sealed record SendFailure(bool Permanent, bool ConnectionBroken, string Reason, bool Bounce = false)
{
    /// <summary>
    /// A 5xx refusing the recipient or the message is final for that message (and a bounce when it names the
    /// recipient). Anything else the server says (a 4xx, a 421, a reply out of step) is temporary, and the
    /// connection is replaced, since the server's transaction state can no longer be trusted.
    /// </summary>
    public static SendFailure Classify(Exception exception) => exception switch
    {
        SmtpCommandException smtp when (int)smtp.StatusCode >= 500
                                       && smtp.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted =>
            new SendFailure(true, false, $"{(int)smtp.StatusCode} {smtp.Message}", smtp.ErrorCode == SmtpErrorCode.RecipientNotAccepted),
        SmtpCommandException smtp =>
            new SendFailure(false, true, $"{(int)smtp.StatusCode} {smtp.Message}"),
        SmtpProtocolException or ServiceNotConnectedException or SocketException or IOException
            or SslHandshakeException or AuthenticationException or TimeoutException or OperationCanceledException =>
            new SendFailure(false, true, $"{exception.GetType().Name}: {exception.Message}"),
        _ => new SendFailure(false, true, $"{exception.GetType().Name}: {exception.Message}"),
    };
}
