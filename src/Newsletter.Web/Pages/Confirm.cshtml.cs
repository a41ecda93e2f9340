using Microsoft.AspNetCore.Mvc.RazorPages;
using Newsletter.Emails;
using Newsletter.Subscriptions;

namespace Newsletter.Web.Pages;

/// <summary><c>GET /confirm/{token}</c>: confirms (idempotently) and says so; 404 for an unknown or expired link.</summary>
public sealed class ConfirmModel(SubscriptionService subscriptions, PublicUrls urls) : PageModel
{
    public Subscriber? Subscriber { get; private set; }
    public string? ManageUrl { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Subscriber = await subscriptions.ConfirmAsync(token, cancellationToken);
        if (Subscriber is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        ManageUrl = urls.Manage(Subscriber);
    }
}
