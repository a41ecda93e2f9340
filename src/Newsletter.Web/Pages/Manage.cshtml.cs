using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Newsletter.Subscriptions;

namespace Newsletter.Web.Pages;

/// <summary><c>/manage/{token}</c>: change keywords, cadence, send hour and time zone, or unsubscribe.</summary>
public sealed class ManageModel(SubscriptionService subscriptions) : PageModel
{
    [BindProperty]
    public PreferencesForm Form { get; set; } = new();

    public Subscriber? Subscriber { get; private set; }
    public bool Saved { get; private set; }

    public string StatusText => Subscriber?.Status switch
    {
        SubscriberStatus.Active => "Subscribed",
        SubscriberStatus.Pending => "Waiting for confirmation",
        SubscriberStatus.Unsubscribed => "Unsubscribed",
        SubscriberStatus.Bounced => "Paused: emails bounced",
        _ => "",
    };

    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context) =>
        Response.Headers["Referrer-Policy"] = "no-referrer";

    public async Task OnGetAsync(string token, bool saved, CancellationToken cancellationToken)
    {
        Subscriber = await FindAsync(token, cancellationToken);
        if (Subscriber is not null)
        {
            Form.Fill(Subscriber);
            Saved = saved;
        }
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Form.Errors = SubscriptionValidator.ValidatePreferences(Form.ToInput(), out var preferences);
        if (!Form.Errors.IsEmpty)
        {
            Subscriber = await FindAsync(token, cancellationToken);
            if (Subscriber is not null)
            {
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }

            return Page();
        }

        Subscriber = await subscriptions.UpdatePreferencesAsync(token, preferences!, cancellationToken);
        if (Subscriber is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        return RedirectToPage(new { token, saved = true });
    }

    public async Task<IActionResult> OnPostUnsubscribeAsync(string token, CancellationToken cancellationToken)
    {
        Subscriber = await subscriptions.UnsubscribeAsync(token, TokenPurpose.Manage, cancellationToken);
        if (Subscriber is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        return RedirectToPage(new { token });
    }

    private async Task<Subscriber?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var subscriber = await subscriptions.FindByTokenAsync(token, TokenPurpose.Manage, cancellationToken);
        if (subscriber is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return subscriber;
    }
}
