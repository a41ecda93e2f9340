using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Newsletter.Feedback;

namespace Newsletter.Web.Pages;

/// <summary>
/// <c>/feedback/{token}</c>, where a digest's "More like this" and "Less like this" links go. A GET records
/// nothing, because mail security scanners fetch every link of an email: it shows the paper, the vote the link
/// asks for, and a button that POSTs it. <c>wwwroot/js/feedback.js</c> presses it on load, so a person who clicked
/// in their browser has the vote recorded without deciding twice; without script the button is the way.
/// <list type="bullet">
/// <item><c>POST /feedback/{token}</c> records the vote (again: no change; the opposite link's vote is replaced).
/// It answers the page, showing the vote, an Undo button and similar papers; a request that accepts
/// <c>application/json</c> and not HTML gets <c>{"paperId", "vote", "at"}</c> instead.</item>
/// <item><c>POST /feedback/{token}/undo</c> removes the vote, if it is still this link's; idempotent.</item>
/// <item>An unknown, malformed, forged or other-purpose token is 404: the "link doesn't work" page for browsers,
/// ProblemDetails otherwise. Nothing is stored then.</item>
/// </list>
/// No antiforgery token: the token in the URL is the whole capability, and nothing here rides on a cookie. A
/// cross-site page can only make a browser post a vote with a token the attacker already holds, which they could
/// post themselves; requiring antiforgery would only fail votes where cookies are refused or the page is old.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class FeedbackModel(FeedbackService feedback, ISimilarPapers similarPapers) : PageModel
{
    /// <summary>How many similar papers the page lists (fewer when fewer are alike).</summary>
    public const int SimilarCount = 5;

    public FeedbackLink? Link { get; private set; }
    public IReadOnlyList<SimilarPaper> Similar { get; private set; } = [];

    /// <summary>The vote is not stored yet and the page was opened from the link itself: the script posts it.</summary>
    public bool AutoSubmit { get; private set; }

    /// <summary>This request just removed the vote.</summary>
    public bool Undone { get; private set; }

    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        // The token is in the URL and the page shows a personal state: never cached, never leaked as a Referer.
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
    }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        await ShowAsync(await feedback.OpenAsync(token, cancellationToken), autoSubmit: true, cancellationToken);

    /// <summary>The undo address opened by GET (a reload, a history entry): the page as it is, posting nothing.</summary>
    public async Task<IActionResult> OnGetUndoAsync(string token, CancellationToken cancellationToken) =>
        await ShowAsync(await feedback.OpenAsync(token, cancellationToken), autoSubmit: false, cancellationToken);

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var link = await feedback.RecordAsync(token, cancellationToken);
        return WantsJson && link is not null ? Vote(link) : await ShowAsync(link, autoSubmit: false, cancellationToken);
    }

    public async Task<IActionResult> OnPostUndoAsync(string token, CancellationToken cancellationToken)
    {
        var link = await feedback.UndoAsync(token, cancellationToken);
        Undone = link is not null;
        return WantsJson && link is not null ? Vote(link) : await ShowAsync(link, autoSubmit: false, cancellationToken);
    }

    /// <summary>The path of this subscriber's link voting <paramref name="direction"/> on another paper.</summary>
    public string LinkTo(long paperId, VoteDirection direction) => $"/feedback/{feedback.TokenFor(Link!.Subscriber, paperId, direction)}";

    /// <summary>A fetch asking for JSON (the page's own script), not a browser's form post.</summary>
    private bool WantsJson
    {
        get
        {
            var accept = Request.Headers.Accept.ToString();
            return accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
        }
    }

    private static JsonResult Vote(FeedbackLink link) =>
        new(new { paperId = link.Paper.PublicId, vote = link.Current?.Text, at = link.Current?.At });

    private async Task<IActionResult> ShowAsync(FeedbackLink? link, bool autoSubmit, CancellationToken cancellationToken)
    {
        if (link is null)
        {
            if (!Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
            {
                return NotFound(); // ProblemDetails, written by the status code pages
            }

            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Link = link;
        AutoSubmit = autoSubmit && !link.IsRecorded;
        Similar = await similarPapers.FindAsync(link.Paper.Id, SimilarCount, cancellationToken);
        return Page();
    }
}
