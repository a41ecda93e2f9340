using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Newsletter.Delivery;

/// <summary>Says at start where data lives and where email goes, so nobody has to guess.</summary>
internal sealed class DeliveryStartupLog(
    IOptions<NewsletterOptions> newsletter, IOptions<SmtpOptions> smtp, ILogger<DeliveryStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Data directory: {DataPath}", newsletter.Value.DataPath);
        if (smtp.Value.UsesPickupDirectory)
        {
            logger.LogInformation("No Smtp:Host is configured: emails are written as .eml files to {OutboxPath}", newsletter.Value.OutboxPath);
        }
        else
        {
            logger.LogInformation("Emails are sent through SMTP at {Host}:{Port} ({Security})", smtp.Value.Host, smtp.Value.Port, smtp.Value.Security);
        }

        logger.LogInformation("Links in emails start with {PublicBaseUrl}", newsletter.Value.PublicBaseUrl);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
