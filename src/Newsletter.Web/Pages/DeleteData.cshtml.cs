using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Newsletter.Subscriptions;

namespace Newsletter.Web.Pages;

/// <summary>
/// <c>/manage/{token}/delete</c>: GET asks for confirmation and says what goes; POST (with its antiforgery token)
/// erases the subscriber and everything about them, then shows <c>/deleted</c>. 404 for an unknown link.
/// </summary>
public sealed class DeleteDataModel(SubscriptionService subscriptions) : PageModel
{
    public Subscriber? Subscriber { get; private set; }

    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context) =>
        Response.Headers["Referrer-Policy"] = "no-referrer";

    public async Task OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Subscriber = await subscriptions.FindByTokenAsync(token, TokenPurpose.Manage, cancellationToken);
        if (Subscriber is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (await subscriptions.EraseAsync(token, cancellationToken) is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        return RedirectToPage("/Deleted");
    }
}
