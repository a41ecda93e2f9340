using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Newsletter.Matching;
using Newsletter.Papers;
using Newsletter.Subscriptions;

namespace Newsletter.Web.Pages;

/// <summary>The front page: the latest day's papers and the subscribe form, which works without JavaScript.</summary>
public sealed class IndexModel(SubscriptionService subscriptions, PaperDays days, KeywordSuggestions suggestions) : PageModel
{
    public const int SuggestionCount = 12;

    [BindProperty]
    public SubscribeForm Form { get; set; } = new();

    /// <summary>The latest day with papers; null before any paper arrived.</summary>
    public PaperDay? Day { get; private set; }

    public PreferencesFieldsView Fields { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(detectTimeZone: true, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Form.Errors = SubscriptionValidator.ValidateSubscription(Form.ToInput(Form.Email), out var email, out var preferences);
        if (!Form.Errors.IsEmpty)
        {
            // What they typed stays, their time zone choice included.
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(detectTimeZone: false, cancellationToken);
            return Page();
        }

        await subscriptions.SubscribeAsync(email!, preferences!, cancellationToken);
        return RedirectToPage("/CheckInbox");
    }

    private async Task LoadAsync(bool detectTimeZone, CancellationToken cancellationToken)
    {
        Fields = new PreferencesFieldsView(Form, await suggestions.SuggestAsync(SuggestionCount, cancellationToken), KeywordChips: false, detectTimeZone);
        if (await days.LatestAsync(cancellationToken) is { } latest)
        {
            Day = await days.GetAsync(latest, cancellationToken);
        }
    }

    public sealed class SubscribeForm : PreferencesForm
    {
        public string? Email { get; set; }
    }
}
