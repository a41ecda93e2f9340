using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Newsletter.Subscriptions;

namespace Newsletter.Web.Pages;

/// <summary>The front page and its subscribe form, which works without JavaScript.</summary>
public sealed class IndexModel(SubscriptionService subscriptions) : PageModel
{
    [BindProperty]
    public SubscribeForm Form { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Form.Errors = SubscriptionValidator.ValidateSubscription(Form.ToInput(Form.Email), out var email, out var preferences);
        if (!Form.Errors.IsEmpty)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await subscriptions.SubscribeAsync(email!, preferences!, cancellationToken);
        return RedirectToPage("/CheckInbox");
    }

    public sealed class SubscribeForm : PreferencesForm
    {
        public string? Email { get; set; }
    }
}
