using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Newsletter.Feedback;
using Newsletter.Matching;
using Newsletter.Subscriptions;

namespace Newsletter.Web.Pages;

/// <summary>
/// <c>/manage/{token}</c>: change keywords, cadence, send hour, time zone and whether votes may rank digests;
/// see and undo the papers voted "more like this"; unsubscribe; download or delete everything stored about the
/// subscriber. Every form posts with an antiforgery token.
/// </summary>
public sealed class ManageModel(SubscriptionService subscriptions, KeywordSuggestions suggestions, FeedbackService feedback) : PageModel
{
    /// <summary>The liked papers listed, newest first; the data download holds them all.</summary>
    public const int LikedShown = 50;

    [BindProperty]
    public ManageForm Form { get; set; } = new();

    public Subscriber? Subscriber { get; private set; }
    public bool Saved { get; private set; }
    public bool JustUnsubscribed { get; private set; }
    public bool VoteUndone { get; private set; }
    public PreferencesFieldsView Fields { get; private set; } = default!;
    public IReadOnlyList<VotedPaper> Liked { get; private set; } = [];

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

    public async Task OnGetAsync(string token, bool saved, bool unsubscribed, bool undone, CancellationToken cancellationToken)
    {
        Subscriber = await FindAsync(token, cancellationToken);
        if (Subscriber is not null)
        {
            Form.Fill(Subscriber);
            Form.LearnFromVotes = Subscriber.LearnFromVotes;
            Saved = saved;
            JustUnsubscribed = unsubscribed && Subscriber.Status == SubscriberStatus.Unsubscribed;
            VoteUndone = undone;
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

        Subscriber = await subscriptions.UpdatePreferencesAsync(token, preferences! with { LearnFromVotes = Form.LearnFromVotes }, cancellationToken);
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

    /// <summary>Removes a "more like this" vote from the list; idempotent.</summary>
    public async Task<IActionResult> OnPostUndoVoteAsync(string token, long paper, CancellationToken cancellationToken)
    {
        Subscriber = await FindAsync(token, cancellationToken);
        if (Subscriber is null)
        {
            return Page();
        }

        await feedback.UndoAsync(Subscriber, paper, VoteDirection.More, cancellationToken);
        return RedirectToPage(new { token, undone = true });
    }

    private async Task LoadFieldsAsync(CancellationToken cancellationToken)
    {
        Fields = new PreferencesFieldsView(Form, await suggestions.SuggestAsync(IndexModel.SuggestionCount, cancellationToken),
            KeywordChips: true, DetectTimeZone: false);
        Liked = await feedback.LikedAsync(Subscriber!, LikedShown, cancellationToken);
    }

    /// <summary>The preference fields, and the "learn from my votes" switch (null when not posted: left as it is).</summary>
    public sealed class ManageForm : PreferencesForm
    {
        public bool? LearnFromVotes { get; set; }
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
