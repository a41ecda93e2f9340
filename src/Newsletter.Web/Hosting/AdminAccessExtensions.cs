using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Newsletter.Web.Hosting;

/// <summary>Admin access: the X-Api-Key check for admin endpoints and HTTP Basic for the Hangfire dashboard.</summary>
public static class AdminAccessExtensions
{
    public const string HeaderName = "X-Api-Key";

    public static IHostApplicationBuilder AddAdminAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<NewsletterOptions>>().Value.AdminApiKey;
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return new AdminApiKey(configured.Trim(), generated: false);
            }

            return sp.GetRequiredService<IHostEnvironment>().IsDevelopment()
                ? new AdminApiKey(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), generated: true)
                : new AdminApiKey(null, generated: false);
        });
        builder.Services.AddSingleton<ApiKeyEndpointFilter>();
        builder.Services.AddSingleton<HangfireDashboardAuthorization>();
        builder.Services.AddHostedService<AdminApiKeyAnnouncement>();
        return builder;
    }
}
