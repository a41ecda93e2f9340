using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Newsletter.Papers.Sources;

namespace Newsletter.Papers;

/// <summary>Registers paper ingestion: store, importer, HTTP sources with resilience, and their schedule.</summary>
public static class PapersServiceExtensions
{
    public static IHostApplicationBuilder AddPapers(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PapersOptions>().BindConfiguration(PapersOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PaperStore>();
        services.AddSingleton<PaperDays>();
        services.AddSingleton<PaperImporter>();
        services.AddSingleton<HuggingFaceSource>();
        services.AddSingleton<ArxivSource>();
        services.AddSingleton<PaperFetcher>();
        services.AddTransient<PaperFetchJob>();
        services.AddHostedService<PaperSchedule>();

        services.AddHttpClient(PaperHttp.ClientName)
            .ConfigureHttpClient((sp, client) =>
            {
                var baseUrl = sp.GetRequiredService<IOptions<NewsletterOptions>>().Value.PublicBaseUrl ?? "";
                foreach (var product in PaperHttp.UserAgent(baseUrl))
                {
                    client.DefaultRequestHeaders.UserAgent.Add(product);
                }

                client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns timeouts
            })
            .AddStandardResilienceHandler()
            .Configure((resilience, sp) =>
            {
                var http = sp.GetRequiredService<IOptions<PapersOptions>>().Value.Http;
                resilience.AttemptTimeout.Timeout = http.Timeout;
                resilience.Retry.MaxRetryAttempts = Math.Max(1, http.MaxRetries);
                resilience.Retry.Delay = http.RetryDelay;
                resilience.Retry.ShouldRetryAfterHeader = true;
                resilience.Retry.MaxDelay = TimeSpan.FromMinutes(2);
                resilience.CircuitBreaker.SamplingDuration = http.Timeout * 2 + TimeSpan.FromSeconds(1);
                resilience.TotalRequestTimeout.Timeout = (http.Timeout + resilience.Retry.MaxDelay.Value) * (http.MaxRetries + 1);
            });
        return builder;
    }
}
