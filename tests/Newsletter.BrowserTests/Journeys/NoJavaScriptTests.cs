using Microsoft.Playwright;
using Newsletter.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Newsletter.BrowserTests.Journeys;

/// <summary>The subscribe form with JavaScript turned off: plain HTML forms, server-side validation.</summary>
[Collection(BrowserCollection.Name)]
public class NoJavaScriptTests(BrowserAppFixture fixture)
{
    [Fact]
    public async Task Without_JavaScript_errors_show_next_to_their_fields_with_the_input_kept_and_then_subscribing_works()
    {
        var email = $"no-js-{Guid.NewGuid():N}@example.org";
        await using var context = await fixture.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        // No script ran: no preview, suggestions are plain text, the time zone is the server's default.
        await Expect(page.Locator("[data-preview]")).ToBeHiddenAsync();
        await Expect(page.Locator(".chip-add")).ToHaveCountAsync(0);
        await Expect(page.Locator(".chip-suggestion").First).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("UTC");

        await page.GetByLabel("Email address").FillAsync("not-an-address");
        await page.GetByLabel("Keywords", new() { Exact = true }).FillAsync("diffusion, SAM");
        await page.GetByLabel("How often").SelectOptionAsync("weekly");
        await page.GetByLabel("Send at").SelectOptionAsync("9");
        await page.GetByLabel("Time zone").FillAsync("Europe/Berlin");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Subscribe", Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST");

        Assert.Equal(400, response.Status);
        var emailField = page.GetByLabel("Email address");
        await Expect(emailField).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(emailField).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("email address", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        await Expect(page.Locator("#Email + #email-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#keywords-error")).ToHaveCountAsync(0);
        await Expect(emailField).ToHaveValueAsync("not-an-address");
        await Expect(page.GetByLabel("Keywords", new() { Exact = true })).ToHaveValueAsync("diffusion, SAM");
        await Expect(page.GetByLabel("How often")).ToHaveValueAsync("weekly");
        await Expect(page.GetByLabel("Send at")).ToHaveValueAsync("9");
        await Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("Europe/Berlin");

        // A second mistake, in another field: its error sits by that field.
        await emailField.FillAsync(email);
        await page.GetByLabel("Keywords", new() { Exact = true }).FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe", Exact = true }).ClickAsync();
        await Expect(page.Locator("#keywords-help + #keywords-error")).ToHaveTextAsync("Give at least one keyword.");
        await Expect(page.Locator("#email-error")).ToHaveCountAsync(0);
        await Expect(emailField).ToHaveValueAsync(email);

        await page.GetByLabel("Keywords", new() { Exact = true }).FillAsync("diffusion, SAM");
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your inbox" })).ToBeVisibleAsync();
        var subscriber = await fixture.App.SubscriberAsync(email);
        Assert.Equal("pending", subscriber.GetProperty("status").GetString());
        Assert.Equal(("weekly", 9, "Europe/Berlin"), (subscriber.GetProperty("cadence").GetString(),
            subscriber.GetProperty("sendHour").GetInt32(), subscriber.GetProperty("timeZone").GetString()));
        Assert.NotNull(await fixture.App.LatestEmailToAsync(email));
    }

    [Fact]
    public async Task Without_JavaScript_the_manage_page_edits_keywords_as_comma_separated_text_and_unsubscribes()
    {
        var email = $"no-js-manage-{Guid.NewGuid():N}@example.org";
        using (var client = fixture.App.HttpClient())
        {
            await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, "/api/subscriptions", new { email, keywords = new[] { "SAM", "diffusion" } });
        }

        var confirmation = await fixture.App.LatestEmailToAsync(email);
        await using var context = await fixture.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(PickupOutbox.LinkPath(confirmation, "/manage/"));

        var keywords = page.GetByLabel("Keywords", new() { Exact = true });
        await Expect(keywords).ToHaveValueAsync("SAM, diffusion");
        await Expect(page.Locator(".chip-editor")).ToHaveCountAsync(0);
        await keywords.FillAsync("SAM, pruning");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save preferences" }).ClickAsync();

        await Expect(page.GetByText("Saved. Your next digest uses these preferences.")).ToBeVisibleAsync();
        await Expect(keywords).ToHaveValueAsync("SAM, pruning");

        await page.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" }).ClickAsync();
        await Expect(page.GetByText("You're unsubscribed: no more digests.")).ToBeVisibleAsync();
        await Expect(page.Locator(".badge")).ToHaveTextAsync("Unsubscribed");
        Assert.Equal("unsubscribed", await fixture.App.StatusOfAsync(email));
    }

    [Fact]
    public async Task Without_JavaScript_a_feedback_link_records_nothing_until_its_button_is_pressed()
    {
        var email = $"no-js-feedback-{Guid.NewGuid():N}@example.org";
        var digest = await fixture.App.ReaderWithDigestAsync(email, "SAM");
        await using var context = await fixture.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        await page.GotoAsync(DigestReaders.FeedbackPath(digest, "Less"));

        var button = page.GetByRole(AriaRole.Button, new() { Name = "Less like this" });
        await Expect(button).ToBeVisibleAsync();
        await Expect(page.GetByText("Would you like fewer papers like this one in your digests?")).ToBeVisibleAsync();
        await Expect(page.Locator(".similar-list")).ToBeHiddenAsync();
        Assert.Empty(await fixture.App.VotesOfAsync(email));
        await PageQuality.AssertAsync(page, "feedback without JavaScript");
        await Screenshots.SaveAsync(page, "feedback-no-js");

        await button.ClickAsync();

        await Expect(page.GetByText("Noted: fewer papers like this one.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Undo" })).ToBeVisibleAsync();
        await Expect(page.Locator(".similar-list li").First).ToBeVisibleAsync();
        Assert.Equal(["less"], (await fixture.App.VotesOfAsync(email)).Select(v => v.Vote));
        await Screenshots.SaveAsync(page, "feedback-no-js-recorded");
    }
}
