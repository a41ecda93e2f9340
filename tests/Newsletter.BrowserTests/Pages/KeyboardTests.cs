using Microsoft.Playwright;
using Newsletter.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Newsletter.BrowserTests.Pages;

/// <summary>The front page with the keyboard alone.</summary>
[Collection(BrowserCollection.Name)]
public class KeyboardTests(BrowserAppFixture fixture)
{
    private sealed class Focused
    {
        public string Element { get; set; } = "";
        public string OutlineStyle { get; set; } = "";
        public double OutlineWidth { get; set; }
    }

    [Fact]
    public async Task Tabbing_reaches_every_control_of_the_subscribe_form_with_a_visible_focus_ring_and_Enter_subscribes()
    {
        var email = $"keyboard-{Guid.NewGuid():N}@example.org";
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        var visited = new List<string>();
        for (var presses = 0; presses < 60 && !visited.Contains("button.button.button-large"); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<Focused>("""
                () => {
                  const el = document.activeElement;
                  const style = getComputedStyle(el);
                  return {
                    element: `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className ? "." + el.className.split(" ").join(".") : ""}`,
                    outlineStyle: style.outlineStyle,
                    outlineWidth: parseFloat(style.outlineWidth),
                  };
                }
                """);
            Assert.True(focused.OutlineStyle != "none" && focused.OutlineWidth >= 2, $"no visible focus ring on {focused.Element}");
            visited.Add(focused.Element);
            if (focused.Element == "input#Email")
            {
                await page.Keyboard.TypeAsync(email);
            }
            else if (focused.Element == "input#Keywords")
            {
                await page.Keyboard.TypeAsync("SAM");
            }
        }

        Assert.Equal(["input#Email", "input#Keywords", "select#Cadence", "select#SendHour", "input#TimeZone", "button.button.button-large"],
            visited.Where(e => e.StartsWith("input", StringComparison.Ordinal) || e.StartsWith("select", StringComparison.Ordinal) || e.StartsWith("button.button", StringComparison.Ordinal)));
        Assert.Contains("button.chip-add", visited);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your inbox" })).ToBeVisibleAsync();
        Assert.Equal("pending", await fixture.App.StatusOfAsync(email));
    }
}
