namespace Newsletter.Web.Hosting;

/// <summary>
/// Security headers on every response: a Content-Security-Policy with no inline script and no third-party
/// origin, nosniff, no framing, and <c>Referrer-Policy: no-referrer</c> so links in token pages never leak
/// their tokens. The admin UIs (Hangfire, the OpenAPI browser) ship their own scripts and get no CSP. A
/// response that set its own CSP (e.g. a sandboxed email preview) keeps it.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (!headers.ContainsKey("X-Frame-Options"))
            {
                headers.XFrameOptions = "DENY";
            }

            var path = context.Request.Path;
            if (!headers.ContainsKey("Content-Security-Policy") && !path.StartsWithSegments("/hangfire") && !path.StartsWithSegments("/openapi"))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
