using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Newsletter.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Newsletter.BrowserTests.Journeys;

/// <summary>A new reader's whole journey, in Chromium with JavaScript, against the app on loopback.</summary>
[Collection(BrowserCollection.Name)]
public class SubscriberJourneyTests(BrowserAppFixture fixture)
{
    private readonly NewsletterApp app = fixture.App;

    /// <summary>The number of the last 7 days' papers these keywords match, from the API the preview calls.</summary>
    private async Task<int> PreviewTotalAsync(params string[] keywords)
    {
        using var client = app.HttpClient();
        var response = await client.PostAsJsonAsync("/api/preview", new { keywords });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32();
    }

    private async Task<string[]> KeywordsOfAsync(string email) =>
        (await app.SubscriberAsync(email)).GetProperty("keywords").EnumerateArray().Select(k => k.GetString()!).ToArray();

    private static ILocator Keywords(IPage page) => page.GetByLabel("Keywords", new() { Exact = true });

    [Fact]
    public async Task A_visitor_previews_subscribes_confirms_changes_keywords_unsubscribes_and_subscribes_again()
    {
        var email = $"journey-{Guid.NewGuid():N}@example.org";
        await using var context = await fixture.NewContextAsync(new() { TimezoneId = "Europe/Paris" });
        var requests = new RequestLog(context);
        var page = await context.NewPageAsync();

        // 1. Land on the front page: the latest day's papers and the subscribe form, time zone from the browser.
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Get these papers in your inbox" })).ToBeVisibleAsync();
        await Expect(page.Locator(".paper-list .paper")).ToHaveCountAsync(97);
        await Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("Europe/Paris");

        // 2. Type keywords and watch the preview follow them.
        var summary = page.Locator("[data-preview-summary]");
        await Expect(summary).ToHaveTextAsync("Type a keyword to see what the last 7 days would have brought.");
        await Keywords(page).PressSequentiallyAsync("SAM");
        await Expect(summary).ToHaveTextAsync($"{await PreviewTotalAsync("SAM")} papers from the last 7 days match.");
        await Expect(page.Locator(".preview-list li")).ToHaveCountAsync(3);
        await Expect(page.Locator(".preview-snippet mark").First).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "mixture of experts" }).ClickAsync();
        await Expect(Keywords(page)).ToHaveValueAsync("SAM, mixture of experts");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "mixture of experts" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(summary).ToHaveTextAsync($"{await PreviewTotalAsync("SAM", "mixture of experts")} papers from the last 7 days match.");

        // 3. Subscribe.
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Send at").SelectOptionAsync("8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your inbox" })).ToBeVisibleAsync();
        Assert.Equal("pending", await app.StatusOfAsync(email));

        // 4. Open the confirmation link from the email the app sent.
        var confirmation = await app.LatestEmailToAsync(email);
        await page.GotoAsync(PickupOutbox.LinkPath(confirmation, "/confirm/"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You're subscribed" })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("SAM, mixture of experts");
        await Expect(page.Locator("main")).ToContainTextAsync("08:00 (Europe/Paris)");
        Assert.Equal("active", await app.StatusOfAsync(email));

        // 5. Change keywords on the manage page: chips, removed with the keyboard, added by typing.
        var manageUrl = await page.GetByRole(AriaRole.Link, new() { Name = "Manage preferences" }).GetAttributeAsync("href");
        await page.GotoAsync(NewsletterApp.PathOf(manageUrl!));
        var chips = page.Locator(".chip-editor .chip");
        await Expect(chips).ToHaveTextAsync(["SAM×", "mixture of experts×"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove SAM" }).PressAsync("Enter");
        await Expect(chips).ToHaveTextAsync(["mixture of experts×"]);
        await Keywords(page).PressSequentiallyAsync("pruning");
        await Keywords(page).PressAsync("Enter");
        await Expect(chips).ToHaveTextAsync(["mixture of experts×", "pruning×"]);
        await Expect(page.Locator("[data-preview-summary]"))
            .ToHaveTextAsync($"{await PreviewTotalAsync("mixture of experts", "pruning")} papers from the last 7 days match.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save preferences" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" })).ToBeVisibleAsync();
        Assert.Equal(["mixture of experts", "pruning"], await KeywordsOfAsync(email));

        // 6. Unsubscribe with the link every email carries: one button.
        await page.GotoAsync(PickupOutbox.LinkPath(confirmation, "/unsubscribe/"));
        await Expect(page.Locator("main button")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You're unsubscribed" })).ToBeVisibleAsync();
        Assert.Equal("unsubscribed", await app.StatusOfAsync(email));

        // 7. Subscribe again from there, and confirm again.
        await page.GetByRole(AriaRole.Link, new() { Name = "Subscribe again" }).ClickAsync();
        await page.GetByLabel("Email address").FillAsync(email);
        await Keywords(page).FillAsync("diffusion");
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your inbox" })).ToBeVisibleAsync();
        var second = await app.LatestEmailToAsync(email, count: 2);
        await page.GotoAsync(PickupOutbox.LinkPath(second, "/confirm/"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You're subscribed" })).ToBeVisibleAsync();
        Assert.Equal("active", await app.StatusOfAsync(email));
        Assert.Equal(["diffusion"], await KeywordsOfAsync(email));

        requests.AssertOnlyTo(app.Address);
    }
}
