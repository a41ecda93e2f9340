using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Newsletter.Matching;
using Newsletter.Subscriptions;

namespace Newsletter.Web.Pages;

/// <summary>
/// <c>/manage/{token}</c>: change keywords, cadence, send hour and time zone; unsubscribe; download or delete
/// everything stored about the subscriber.
/// </summary>
public sealed class ManageModel(SubscriptionService subscriptions, KeywordSuggestions suggestions) : PageModel
{
    [BindProperty]
    public PreferencesForm Form { get; set; } = new();

    public Subscriber? Subscriber { get; private set; }
    public bool Saved { get; private set; }
    public bool JustUnsubscribed { get; private set; }
    public PreferencesFieldsView Fields { get; private set; } = default!;

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

    public async Task OnGetAsync(string token, bool saved, bool unsubscribed, CancellationToken cancellationToken)
    {
        Subscriber = await FindAsync(token, cancellationToken);
        if (Subscriber is not null)
        {
            Form.Fill(Subscriber);
            Saved = saved;
            JustUnsubscribed = unsubscribed && Subscriber.Status == SubscriberStatus.Unsubscribed;
            await LoadFieldsAsync(cancellationToken);
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
                await LoadFieldsAsync(cancellationToken);
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

        return RedirectToPage(new { token, unsubscribed = true });
    }

    private async Task LoadFieldsAsync(CancellationToken cancellationToken) =>
        Fields = new PreferencesFieldsView(Form, await suggestions.SuggestAsync(IndexModel.SuggestionCount, cancellationToken),
            KeywordChips: true, DetectTimeZone: false);

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
