using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Newsletter.Delivery;
using Newsletter.Web.Hosting;

namespace Newsletter.Web.Pages.Dev;

/// <summary><c>/dev/mail</c>, Development only: the emails in the pickup outbox, newest first.</summary>
[DevelopmentOnly]
public sealed class MailModel(PickupDirectoryMailbox mailbox, IOptions<SmtpOptions> smtp) : PageModel
{
    public IReadOnlyList<PickedUpEmail> Emails { get; private set; } = [];

    public string Directory => mailbox.Directory;

    /// <summary>The SMTP host mail goes to instead, when one is configured (then nothing new lands here).</summary>
    public string? SmtpHost => smtp.Value.UsesPickupDirectory ? null : smtp.Value.Host;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        Emails = await mailbox.ListAsync(cancellationToken);
    }
}
