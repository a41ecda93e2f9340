using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Newsletter.Delivery;

namespace Newsletter.Web.Endpoints;

/// <summary>
/// <c>GET /dev/mail/{file}/html</c>, Development only: the HTML part of a message in the pickup outbox, framed by
/// the <c>/dev/mail/{file}</c> page. It is served under a CSP that runs no script, loads nothing, submits no
/// form and is itself a sandbox; its links open in the top window, so a link in the email can be followed.
/// </summary>
public static partial class DevMailApi
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'self'; " +
        "sandbox allow-top-navigation-by-user-activation allow-popups allow-popups-to-escape-sandbox";

    /// <summary>Maps the route in Development; elsewhere it does not exist.</summary>
    public static WebApplication MapDevMailApi(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return app;
        }

        app.MapGet("/dev/mail/{file}/html", Html).ExcludeFromDescription();
        return app;
    }

    public static async Task<Results<ContentHttpResult, NotFound>> Html(
        string file, HttpResponse response, PickupDirectoryMailbox mailbox, CancellationToken cancellationToken)
    {
        var message = await mailbox.OpenAsync(file, cancellationToken);
        if (message?.HtmlBody is not { } html)
        {
            return TypedResults.NotFound();
        }

        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-store";
        return TypedResults.Content(LinksToTop(html), "text/html; charset=utf-8");
    }

    /// <summary>Adds <c>&lt;base target="_top"&gt;</c> so that following a link leaves the frame.</summary>
    private static string LinksToTop(string html)
    {
        var head = HeadTag().Match(html);
        return head.Success
            ? html.Insert(head.Index + head.Length, "<base target=\"_top\">")
            : "<base target=\"_top\">" + html;
    }

    [GeneratedRegex("<head[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HeadTag();
}
