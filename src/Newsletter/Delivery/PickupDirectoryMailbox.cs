using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Newsletter.Delivery;

/// <summary>
/// Reads back what <see cref="PickupDirectoryMailTransport"/> wrote, for the Development mail viewer: the
/// newest messages first. A message is opened by its bare file name, checked against the names the transport
/// writes, so no request can read outside the outbox folder.
/// </summary>
public sealed partial class PickupDirectoryMailbox(IOptions<NewsletterOptions> options)
{
    /// <summary>The most messages listed; older ones stay on disk.</summary>
    public const int MaxListed = 200;

    public string Directory => options.Value.OutboxPath;

    /// <summary>The newest messages first (by when the file was written), at most <see cref="MaxListed"/>.</summary>
    public async Task<IReadOnlyList<PickedUpEmail>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var files = new DirectoryInfo(Directory).EnumerateFiles("*.eml")
            .Where(f => IsMessageName(f.Name))
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .Take(MaxListed);
        var emails = new List<PickedUpEmail>();
        foreach (var file in files)
        {
            try
            {
                var message = await MimeMessage.LoadAsync(file.FullName, cancellationToken);
                var sent = message.Date == DateTimeOffset.MinValue ? new DateTimeOffset(file.LastWriteTimeUtc) : message.Date;
                emails.Add(new PickedUpEmail(file.Name, message.Subject ?? "", message.To.ToString(), sent.ToUniversalTime()));
            }
            catch (Exception exception) when (exception is IOException or FormatException)
            {
                // Removed meanwhile, or not a message: leave it out.
            }
        }

        return emails;
    }

    /// <summary>The message in <paramref name="fileName"/>, or null when there is no such message.</summary>
    public async Task<MimeMessage?> OpenAsync(string fileName, CancellationToken cancellationToken = default)
    {
        if (!IsMessageName(fileName))
        {
            return null;
        }

        var path = Path.Combine(Directory, fileName);
        try
        {
            return File.Exists(path) ? await MimeMessage.LoadAsync(path, cancellationToken) : null;
        }
        catch (Exception exception) when (exception is IOException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The names <see cref="PickupDirectoryMailTransport.FileNameFor"/> gives: no separators, no leading dot.</summary>
    public static bool IsMessageName(string name) => MessageName().IsMatch(name);

    [GeneratedRegex(@"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,250}\.eml$")]
    private static partial Regex MessageName();
}

/// <summary>One message in the pickup outbox, as listed.</summary>
public sealed record PickedUpEmail(string FileName, string Subject, string To, DateTimeOffset Date);
