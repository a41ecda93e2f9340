using MimeKit;

namespace Newsletter.Delivery;

/// <summary>Where composed emails go: an SMTP server or the pickup directory.</summary>
public interface IMailTransport
{
    /// <summary>Opens a connection that a single sender uses for many messages, one at a time.</summary>
    Task<IMailConnection> ConnectAsync(CancellationToken cancellationToken);
}

/// <summary>One open, reusable connection. Not thread-safe: each sender owns its own.</summary>
public interface IMailConnection : IAsyncDisposable
{
    /// <summary>Hands the message over; returns when the server (or the file system) has accepted it.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);

    /// <summary>False once the connection has broken and must be replaced.</summary>
    bool IsUsable { get; }
}
