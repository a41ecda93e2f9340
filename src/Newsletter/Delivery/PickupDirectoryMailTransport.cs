using Microsoft.Extensions.Options;
using MimeKit;

namespace Newsletter.Delivery;

/// <summary>
/// Writes each message as an <c>.eml</c> file under <c>{DataDirectory}/outbox/</c>, the embedded default when
/// no SMTP server is configured. Files appear atomically (written aside, then renamed), named by time and
/// Message-ID, so a retried message overwrites its own file rather than adding a second.
/// </summary>
public sealed class PickupDirectoryMailTransport(IOptions<NewsletterOptions> options) : IMailTransport
{
    public Task<IMailConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var directory = options.Value.OutboxPath;
        Directory.CreateDirectory(directory);
        return Task.FromResult<IMailConnection>(new Connection(directory));
    }

    /// <summary>The file name a message gets: safe characters of its Message-ID.</summary>
    public static string FileNameFor(MimeMessage message)
    {
        var id = message.MessageId ?? Guid.NewGuid().ToString("N");
        var safe = new string(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray());
        return $"{safe}.eml";
    }

    private sealed class Connection(string directory) : IMailConnection
    {
        public bool IsUsable => true;

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            var path = Path.Combine(directory, FileNameFor(message));
            var temp = Path.Combine(directory, $".{Guid.NewGuid():N}.tmp");
            await using (var stream = File.Create(temp))
            {
                await message.WriteToAsync(stream, cancellationToken);
            }

            File.Move(temp, path, overwrite: true);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
