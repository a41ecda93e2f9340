using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Newsletter.Subscriptions;

namespace Newsletter.Web.Pages;

/// <summary>
/// <c>/unsubscribe/{token}</c>: GET shows one button; POST unsubscribes and answers 200. The POST carries no
/// antiforgery token because mail providers send RFC 8058 one-click requests (<c>List-Unsubscribe=One-Click</c>,
/// form-encoded or multipart) to this same URL. Idempotent; 404 for an unknown token.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(SubscriptionService subscriptions) : PageModel
{
    public Subscriber? Subscriber { get; private set; }
    public bool Done { get; private set; }

    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context) =>
        Response.Headers["Referrer-Policy"] = "no-referrer";

    public async Task OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Subscriber = await subscriptions.FindByTokenAsync(token, TokenPurpose.Unsubscribe, cancellationToken);
        Done = Subscriber?.Status == SubscriberStatus.Unsubscribed;
        SetNotFoundWhenMissing();
    }

    public async Task OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Subscriber = await subscriptions.UnsubscribeAsync(token, TokenPurpose.Unsubscribe, cancellationToken);
        Done = Subscriber is not null;
        SetNotFoundWhenMissing();
    }

    private void SetNotFoundWhenMissing()
    {
        if (Subscriber is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
