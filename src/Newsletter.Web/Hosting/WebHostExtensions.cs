using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Newsletter.Web.Endpoints;
using Scalar.AspNetCore;

namespace Newsletter.Web.Hosting;

/// <summary>The HTTP side of the host: errors as ProblemDetails, OpenAPI, Razor Pages, data protection.</summary>
public static class WebHostExtensions
{
    /// <summary>The largest request body any endpoint accepts unless it says otherwise.</summary>
    public const long DefaultMaxRequestBodySize = 1024 * 1024;

    public static IHostApplicationBuilder AddWebHost(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddOpenApi();
        services.AddRazorPages();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<BackgroundJobStorageHealthCheck>("hangfire")
            .AddCheck<RecurringJobsHealthCheck>("recurringJobs")
            .AddCheck<SemanticIndexHealthCheck>("semanticIndex");
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = DefaultMaxRequestBodySize;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.AddServerHeader = false;
        });
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(forms =>
        {
            forms.ValueCountLimit = 64;
            forms.ValueLengthLimit = 16 * 1024;
            forms.MultipartBodyLengthLimit = 64 * 1024;
            forms.KeyLengthLimit = 256;
        });

        // Keys for antiforgery live beside the token-signing key, so forms keep working across restarts and instances.
        var keys = NewsletterOptions.KeysPathOf(
            builder.Configuration[$"{NewsletterOptions.Section}:KeysDirectory"], builder.Configuration[$"{NewsletterOptions.Section}:DataDirectory"]);
        services.AddDataProtection().SetApplicationName("Newsletter").PersistKeysToFileSystem(new DirectoryInfo(keys));
        return builder;
    }

    public static WebApplication UseWebHost(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseExceptionHandler();
        // An error without a body: a person's browser gets a page (/status/404), everything else ProblemDetails.
        app.UseWhen(IsBrowserPageRequest, pages => pages.UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseWhen(context => !IsBrowserPageRequest(context), other => other.UseStatusCodePages());
        app.UseStaticFiles();
        // Routing after the status code pages, so that a re-executed request finds /status/{code}.
        app.UseRouting();
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapScalarApiReference("/openapi", options => options.WithTitle("Newsletter API"));
        return app;
    }

    /// <summary>A GET for HTML outside the APIs, the OpenAPI document and the Hangfire dashboard.</summary>
    private static bool IsBrowserPageRequest(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && context.Request.Headers.Accept.Any(accept => accept?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true)
        && !context.Request.Path.StartsWithSegments("/api")
        && !context.Request.Path.StartsWithSegments("/openapi")
        && !context.Request.Path.StartsWithSegments("/hangfire");
}
