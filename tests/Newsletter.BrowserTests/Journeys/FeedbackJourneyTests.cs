using System.Collections.Concurrent;
using Microsoft.Playwright;
using Newsletter.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Newsletter.BrowserTests.Journeys;

/// <summary>"More like this" from a real digest email, in Chromium with JavaScript: one click in the email is one vote.</summary>
[Collection(BrowserCollection.Name)]
public class FeedbackJourneyTests(BrowserAppFixture fixture)
{
    private readonly NewsletterApp app = fixture.App;

    [Fact]
    public async Task Opening_More_like_this_from_a_digest_records_the_vote_once_with_no_click_then_shows_it_with_undo_and_similar_papers()
    {
        var email = $"feedback-{Guid.NewGuid():N}@example.org";
        var digest = await app.ReaderWithDigestAsync(email, "SAM");
        var more = DigestReaders.FeedbackPath(digest, "More");
        var title = FirstTitle(digest);
        await using var context = await fixture.NewContextAsync();
        var requests = new RequestLog(context);
        var posts = new ConcurrentQueue<string>();
        context.Request += (_, request) =>
        {
            if (request.Method == "POST")
            {
                posts.Enqueue(request.Url);
            }
        };
        var page = await context.NewPageAsync();

        await page.GotoAsync(more);

        await Expect(page.Locator("[data-feedback-status]")).ToHaveTextAsync("Noted: more papers like this one.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Undo" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Yes, more like this" })).ToBeHiddenAsync();
        var similar = page.Locator(".similar-list li");
        await Expect(similar.First).ToBeVisibleAsync();
        Assert.InRange(await similar.CountAsync(), 3, 5);
        Assert.Equal([(title, "more")], await app.VotesOfAsync(email));
        Assert.Equal([app.Address.GetLeftPart(UriPartial.Authority) + more], posts);
        await PageQuality.AssertAsync(page, "feedback, recorded");
        await Screenshots.SaveAsync(page, "feedback-recorded");

        // Opened again (a second click in the email, a reload): shown as recorded, nothing posted.
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Undo" })).ToBeVisibleAsync();
        Assert.Single(posts);

        await page.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
        await Expect(page.GetByText("Undone: your vote on this paper is removed.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Yes, more like this" })).ToBeVisibleAsync();
        Assert.Empty(await app.VotesOfAsync(email));
        Assert.Equal(2, posts.Count);
        await PageQuality.AssertAsync(page, "feedback, undone");
        await Screenshots.SaveAsync(page, "feedback-undone");
        requests.AssertOnlyTo(app.Address);
    }

    private static string FirstTitle(MimeKit.MimeMessage digest) =>
        System.Text.RegularExpressions.Regex.Match(digest.TextBody!, @"^1\. (.+?)\r?$", System.Text.RegularExpressions.RegexOptions.Multiline).Groups[1].Value;
}
