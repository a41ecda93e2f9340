using Microsoft.AspNetCore.Mvc.RazorPages;
using MimeKit;
using Newsletter.Delivery;
using Newsletter.Web.Hosting;

namespace Newsletter.Web.Pages.Dev;

/// <summary>
/// <c>/dev/mail/{file}</c>, Development only: one email from the pickup outbox, its headers, its HTML part in a
/// sandboxed frame (served by <c>/dev/mail/{file}/html</c>) and its plain-text part.
/// </summary>
[DevelopmentOnly]
public sealed class MailMessageModel(PickupDirectoryMailbox mailbox) : PageModel
{
    public MimeMessage? Message { get; private set; }

    public string FileName { get; private set; } = "";

    public async Task OnGetAsync(string file, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        FileName = file;
        Message = await mailbox.OpenAsync(file, cancellationToken);
        if (Message is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
