using System.Text.RegularExpressions;
using MimeKit;

namespace Newsletter.IntegrationTests.Infrastructure;

/// <summary>Finds the links in an email's plain-text part.</summary>
public static partial class EmailLinks
{
    public static string Find(MimeMessage message, string pathPrefix)
    {
        var match = Regex.Match(message.TextBody ?? "", $@"{Regex.Escape(NewsletterApp.BaseUrl)}{Regex.Escape(pathPrefix)}[A-Za-z0-9_-]+");
        Assert.True(match.Success, $"No {pathPrefix} link in:\n{message.TextBody}");
        return match.Value;
    }
}
