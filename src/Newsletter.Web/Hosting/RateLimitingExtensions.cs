using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Newsletter.Web.Hosting;

/// <summary>
/// ASP.NET Core's rate limiter, per client address, on what strangers can hammer: subscribing (API and form),
/// the preview, and the token pages. A refused request gets 429 with Retry-After: ProblemDetails for API
/// callers, a short HTML page for people.
/// </summary>
public static class RateLimitingExtensions
{
    public const string Subscribe = "subscribe";
    public const string Preview = "preview";
    public const string TokenPages = "token-pages";

    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
            options.AddPolicy(Subscribe, context => PerClient(context, o => o.SubscribePerMinute, postsOnly: true));
            options.AddPolicy(Preview, context => PerClient(context, o => o.PreviewPerMinute, postsOnly: false));
            options.AddPolicy(TokenPages, context => PerClient(context, o => o.TokenPagesPerMinute, postsOnly: false));
        });
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(pages =>
        {
            pages.Conventions.AddPageApplicationModelConvention("/Index", model => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(Subscribe)));
            foreach (var page in new[] { "/Confirm", "/Manage", "/Unsubscribe", "/Feedback" })
            {
                pages.Conventions.AddPageApplicationModelConvention(page, model => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(TokenPages)));
            }
        });
        return builder;
    }

    private static RateLimitPartition<string> PerClient(HttpContext context, Func<RateLimitingOptions, int> perMinute, bool postsOnly)
    {
        var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        if (!settings.Enabled || (postsOnly && !HttpMethods.IsPost(context.Request.Method)))
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var limit = perMinute(settings);
        return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
        http.Response.Headers.RetryAfter = retryAfter.ToString();
        var wantsHtml = http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
        if (wantsHtml)
        {
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(PoliteHtml(retryAfter), cancellationToken);
            return;
        }

        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"Wait {retryAfter} seconds and try again.",
            },
        });
    }

    private static string PoliteHtml(int seconds) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>One moment · Paper digest</title><link rel="stylesheet" href="/css/site.css"></head>
        <body><main id="main" class="wrap"><section class="card">
        <h1>One moment, please</h1>
        <p>We've had a lot of requests from your address in the last minute. Please wait {{WebUtility.HtmlEncode(seconds.ToString())}} seconds and try again.</p>
        <p><a class="button" href="/">Back to the front page</a></p>
        </section></main></body></html>
        """;
}
