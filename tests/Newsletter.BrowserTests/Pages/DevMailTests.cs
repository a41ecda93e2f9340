using Microsoft.Playwright;
using Newsletter.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Newsletter.BrowserTests.Pages;

/// <summary>/dev/mail in Development: what a local user reads instead of a mailbox.</summary>
[Collection(BrowserCollection.Name)]
public class DevMailTests(BrowserAppFixture fixture)
{
    [Fact]
    public async Task The_outbox_lists_the_confirmation_email_and_renders_its_HTML_in_a_sandbox_and_its_text()
    {
        var email = $"dev-mail-{Guid.NewGuid():N}@example.org";
        using (var client = fixture.App.HttpClient())
        {
            await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, "/api/subscriptions", new { email, keywords = new[] { "SAM" } });
        }

        var confirmation = await fixture.App.LatestEmailToAsync(email);
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/dev/mail");
        var item = page.Locator(".mail-item").Filter(new() { HasText = email });
        await Expect(item).ToContainTextAsync(confirmation.Subject!);
        await Expect(page.Locator(".mail-item").First).ToContainTextAsync(email); // newest first
        await item.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = confirmation.Subject!, Level = 1 })).ToBeVisibleAsync();
        var frame = page.FrameLocator("iframe.mail-frame");
        await Expect(frame.GetByRole(AriaRole.Link, new() { Name = "Confirm subscription" })).ToBeVisibleAsync();
        await Expect(frame.GetByRole(AriaRole.Heading, new() { Name = "Confirm your subscription" })).ToBeVisibleAsync();
        await Expect(page.Locator("iframe.mail-frame")).ToHaveAttributeAsync("sandbox", "allow-top-navigation-by-user-activation allow-popups allow-popups-to-escape-sandbox");
        await Expect(page.Locator(".mail-text")).ToContainTextAsync(EmailLinks.Find(confirmation, "/confirm/"));

        var html = await page.APIRequest.GetAsync(await page.Locator("iframe.mail-frame").GetAttributeAsync("src") ?? "");
        Assert.Equal(200, html.Status);
        Assert.Contains("default-src 'none'", html.Headers["content-security-policy"]);
        Assert.Contains("sandbox", html.Headers["content-security-policy"]);
        Assert.Contains("Confirm subscription", await html.TextAsync());
    }

    [Fact]
    public async Task A_file_name_that_is_not_an_outbox_message_is_404()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        foreach (var path in new[] { "/dev/mail/..%2F..%2Fnewsletter.db", "/dev/mail/.hidden.eml", "/dev/mail/missing.eml", "/dev/mail/missing.eml/html" })
        {
            var response = await page.APIRequest.GetAsync(path);
            Assert.Equal(404, response.Status);
        }
    }
}
