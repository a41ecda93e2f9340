using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Newsletter.Data;
using Newsletter.Delivery;
using Newsletter.Digests;
using Newsletter.Emails;
using Newsletter.Embeddings;
using Newsletter.Feedback;
using Newsletter.Matching;
using Newsletter.Papers;
using Newsletter.Privacy;
using Newsletter.Scheduling;
using Newsletter.Subscriptions;

namespace Newsletter;

/// <summary>Registers the application: options, data, subscriptions, emails and delivery, papers, matching, digests, feedback.</summary>
public static class NewsletterServiceExtensions
{
    public static IHostApplicationBuilder AddNewsletter(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<NewsletterOptions>().BindConfiguration(NewsletterOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Database != NewsletterDatabase.Postgres || !string.IsNullOrWhiteSpace(builder.Configuration.PostgresConnectionString()),
                "Newsletter:Database is postgres but ConnectionStrings:Newsletter is empty.")
            .ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<NewsletterOptions>, PublicBaseUrlDefault>();
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateDataAnnotations()
            .Validate(d => string.IsNullOrEmpty(d.UnsubscribeMailto) || EmailAddressRules.Validate(d.UnsubscribeMailto) is null,
                "Delivery:UnsubscribeMailto is not a single email address.")
            .ValidateOnStart();
        services.AddOptions<DkimOptions>().BindConfiguration(DkimOptions.Section)
            .Validate(d => !d.Enabled || File.Exists(d.PrivateKeyPath), "Dkim:PrivateKeyPath names no file.").ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        // Razor (pages and email templates) would otherwise escape every non-ASCII letter in author names.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));

        builder.AddNewsletterData();
        builder.AddSubscriptions();
        builder.AddDelivery();
        builder.AddPapers();
        builder.AddEmbeddings();
        builder.AddMatching();
        builder.AddDigests();
        builder.AddFeedback();
        builder.AddPrivacy();
        builder.AddScheduling();
        return builder;
    }

    private static void AddNewsletterData(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IDatabase>(sp => sp.GetRequiredService<IOptions<NewsletterOptions>>().Value.Database == NewsletterDatabase.Postgres
            ? new PostgresDatabase(builder.Configuration.PostgresConnectionString()!)
            : new SqliteDatabase(Path.Combine(sp.GetRequiredService<IOptions<NewsletterOptions>>().Value.DataPath, "newsletter.db")));
        services.AddSingleton<DatabaseMigrator>();
        // Registered first so the schema is in place before any other hosted service starts.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseMigrationService>());
    }

    private static void AddSubscriptions(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SubscribersOptions>().BindConfiguration(SubscribersOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => TokenSigningKey.LoadOrCreate(sp.GetRequiredService<IOptions<NewsletterOptions>>().Value.KeysPath));
        services.AddSingleton<SubscriberTokens>();
        services.AddSingleton<SubscriberStore>();
        services.AddSingleton<SubscriptionService>();
        services.AddSingleton<SubscriberDataExport>();
        services.AddSingleton<SubscriberImporter>();
    }

    private static void AddDelivery(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<PickupDirectoryMailbox>();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<SendThrottle>();
        services.AddSingleton<MessageSigner>();
        services.AddSingleton<EmailRenderer>();
        services.AddSingleton<PublicUrls>();
        services.AddSingleton<DigestEmailFactory>();
        services.AddSingleton<EmailComposer>();
        services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<IOptions<SmtpOptions>>().Value.UsesPickupDirectory
            ? ActivatorUtilities.CreateInstance<PickupDirectoryMailTransport>(sp)
            : ActivatorUtilities.CreateInstance<SmtpMailTransport>(sp));
        if (builder.Configuration.RunsBackgroundWork())
        {
            services.AddHostedService<DeliveryStartupLog>();
            services.AddHostedService<DeliveryService>();
        }
    }

    /// <summary>PublicBaseUrl defaults to the first ASPNETCORE_URLS address, with wildcard hosts read as localhost.</summary>
    private sealed class PublicBaseUrlDefault(IConfiguration configuration) : IPostConfigureOptions<NewsletterOptions>
    {
        public void PostConfigure(string? name, NewsletterOptions options)
        {
            if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl))
            {
                return;
            }

            var first = (configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "http://localhost:5000")
                .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .FirstOrDefault() ?? "http://localhost:5000";
            options.PublicBaseUrl = first
                .Replace("://+", "://localhost").Replace("://*", "://localhost")
                .Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost");
        }
    }
}
