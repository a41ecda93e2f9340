namespace Newsletter.Web.Hosting;

/// <summary>
/// Says at start how admins get in. A generated Development key is printed to the console (never to the
/// log pipeline, which may be shipped elsewhere); a missing Production key is logged as a warning.
/// </summary>
internal sealed class AdminApiKeyAnnouncement(AdminApiKey key, ILogger<AdminApiKeyAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (key.Generated)
        {
            Console.WriteLine($"Development admin API key for this run (send as X-Api-Key; Hangfire dashboard user 'admin'): {key.Value}");
        }
        else if (!key.IsConfigured)
        {
            logger.LogWarning("Newsletter:AdminApiKey is not set, so the admin API and the Hangfire dashboard refuse every request. Set it to enable them.");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
