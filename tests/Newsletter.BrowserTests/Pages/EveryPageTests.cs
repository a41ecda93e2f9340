using System.Net.Http.Json;
using Microsoft.Playwright;
using Newsletter.BrowserTests.Infrastructure;
using Newsletter.Delivery;
using static Microsoft.Playwright.Assertions;

namespace Newsletter.BrowserTests.Pages;

/// <summary>
/// Visits every page at desktop and phone widths (and 360 px, the narrowest the pages promise), and on a phone
/// in dark mode: each must answer with its status, fit the viewport, pass <see cref="PageQuality"/> and load
/// nothing from elsewhere. Screenshots go to TestResults/screenshots/ ({page}-1280.png, {page}-375.png,
/// {page}-dark-375.png).
/// </summary>
[Collection(BrowserCollection.Name)]
public class EveryPageTests(BrowserAppFixture fixture)
{
    private sealed record PageVisit(string Name, string Path, int Status, Func<IPage, Task>? Prepare = null);

    private readonly NewsletterApp app = fixture.App;

    /// <summary>A confirmed subscriber of its own, so that one width's unsubscribing does not change the next's pages.</summary>
    private async Task<(string Confirm, string Manage, string Unsubscribe, string MailFile)> SubscriberAsync(int width)
    {
        var email = $"pages-{width}-{Guid.NewGuid():N}@example.org";
        using var client = app.HttpClient();
        (await client.PostAsJsonAsync("/api/subscriptions", new { email, keywords = new[] { "SAM", "mixture of experts" }, timeZone = "Europe/London" }))
            .EnsureSuccessStatusCode();
        var confirmation = await app.LatestEmailToAsync(email);
        return (PickupOutbox.LinkPath(confirmation, "/confirm/"), PickupOutbox.LinkPath(confirmation, "/manage/"),
            PickupOutbox.LinkPath(confirmation, "/unsubscribe/"), PickupDirectoryMailTransport.FileNameFor(confirmation));
    }

    private static Task PreviewShownAsync(IPage page) =>
        Expect(page.Locator("[data-preview-summary]")).ToContainTextAsync("from the last 7 days match");

    private static async Task TypeKeywordsAsync(IPage page)
    {
        await page.GetByLabel("Keywords", new() { Exact = true }).PressSequentiallyAsync("SAM, mixture of experts");
        await PreviewShownAsync(page);
    }

    private static async Task SubmitWithABadAddressAsync(IPage page)
    {
        await page.GetByLabel("Email address").FillAsync("not-an-address");
        await page.GetByLabel("Keywords", new() { Exact = true }).FillAsync("diffusion");
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe", Exact = true }).ClickAsync();
        await Expect(page.Locator("#email-error")).ToBeVisibleAsync();
    }

    private static async Task UnsubscribeAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You're unsubscribed" })).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData(1280, "light", true)]
    [InlineData(375, "light", true)]
    [InlineData(375, "dark", true)]
    [InlineData(360, "light", false)]
    public async Task Every_page_fits_the_width_passes_the_quality_checks_and_loads_nothing_from_elsewhere(int width, string scheme, bool screenshot)
    {
        var (confirm, manage, unsubscribe, mailFile) = await SubscriberAsync(width);
        var digest = await app.ReaderWithDigestAsync($"pages-votes-{width}-{Guid.NewGuid():N}@example.org", "SAM");
        PageVisit[] visits =
        [
            new("home", "/", 200, TypeKeywordsAsync),
            new("home-errors", "/", 200, SubmitWithABadAddressAsync),
            new("check-inbox", "/check-inbox", 200),
            new("confirm", confirm, 200),
            new("manage", manage, 200, PreviewShownAsync),
            new("delete-data", manage + "/delete", 200),
            new("deleted", "/deleted", 200),
            new("feedback", DigestReaders.FeedbackPath(digest, "More"), 200,
                page => Expect(page.Locator(".similar-list li").First).ToBeVisibleAsync()),
            new("manage-votes", PickupOutbox.LinkPath(digest, "/manage/"), 200,
                page => Expect(page.Locator(".liked-list li")).ToHaveCountAsync(1)),
            new("unsubscribe", unsubscribe, 200),
            new("unsubscribed", unsubscribe, 200, UnsubscribeAsync),
            new("papers", "/papers", 200),
            new("papers-bad-date", "/papers?date=someday", 400),
            new("link-not-found", "/manage/not-a-real-token", 404),
            new("not-found", "/no-such-page", 404),
            new("dev-mail", "/dev/mail", 200),
            new("dev-mail-message", $"/dev/mail/{mailFile}", 200,
                page => Expect(page.FrameLocator("iframe.mail-frame").GetByRole(AriaRole.Link, new() { Name = "Confirm subscription" })).ToBeVisibleAsync()),
        ];

        await using var context = await fixture.NewContextAsync(new()
        {
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            TimezoneId = "Europe/London",
            ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });
        var requests = new RequestLog(context);
        var page = await context.NewPageAsync();
        foreach (var visit in visits)
        {
            var response = await page.GotoAsync(visit.Path);
            Assert.True(visit.Status == response?.Status, $"{visit.Name}: {visit.Path} answered {response?.Status}, not {visit.Status}");
            if (visit.Prepare is not null)
            {
                await visit.Prepare(page);
            }

            await PageQuality.AssertAsync(page, $"{visit.Name} at {width} px, {scheme}");
            if (screenshot)
            {
                await Screenshots.SaveAsync(page, scheme == "dark" ? $"{visit.Name}-dark" : visit.Name);
            }
        }

        requests.AssertOnlyTo(app.Address);
    }
}
