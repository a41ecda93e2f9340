using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Newsletter.Delivery;

/// <summary>
/// SMTP through MailKit on persistent connections. The socket is ours, with TCP_NODELAY set: without it,
/// Nagle's algorithm and delayed ACKs cap a connection at a few dozen messages per second. Each message is
/// written once (no SIZE pass).
/// </summary>
public sealed class SmtpMailTransport(IOptions<SmtpOptions> options) : IMailTransport
{
    public async Task<IMailConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(settings.Timeout);
                await socket.ConnectAsync(settings.Host!, settings.Port, timeout.Token);
            }

            await client.ConnectAsync(socket, settings.Host!, settings.Port, ToMailKit(settings.Security), cancellationToken);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await client.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken);
            }

            // To announce SIZE (optional, RFC 1870) MailKit writes every message twice, the first time only to
            // measure it. A server with a limit still enforces it, at the end of DATA.
            client.Capabilities &= ~SmtpCapabilities.Size;

            return new Connection(client);
        }
        catch
        {
            client.Dispose();
            socket.Dispose();
            throw;
        }
    }

    private static SecureSocketOptions ToMailKit(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    private sealed class Connection(SmtpClient client) : IMailConnection
    {
        public bool IsUsable => client.IsConnected;

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken) =>
            await client.SendAsync(message, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    using var quitTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await client.DisconnectAsync(quit: true, quitTimeout.Token);
                }
            }
            catch (Exception)
            {
                // The connection is going away either way; a failed QUIT changes nothing.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
