using Microsoft.Playwright;

namespace Newsletter.BrowserTests.Infrastructure;

/// <summary>
/// What every browser test shares: the app in the Development environment on a loopback port (so /dev/mail
/// exists), writing its emails to the pickup outbox, with the sample papers imported through the admin API
/// (the text listing, then the same papers as Hugging Face JSON, which adds authors, upvotes and links); and
/// one headless Chromium. Each test opens its own browser context, so cookies never leak between tests.
/// </summary>
public sealed class BrowserAppFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public NewsletterApp App { get; } = new(smtpPort: null, environment: "Development");

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        using var admin = App.CreateAdminClient();
        foreach (var file in new[] { "daily-papers-sample.txt", "hf-daily-papers.json" })
        {
            (await admin.PostAsync("/api/admin/papers/import", new ByteArrayContent(Fixture.Paper(file)))).EnsureSuccessStatusCode();
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(Chromium.LaunchOptions());
        // Expectations wait for their condition up to this long; a shared, busy CI machine can be slow.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>A fresh browser profile whose relative URLs go to the app.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = App.Address.ToString().TrimEnd('/');
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>Browser tests share one app and one Chromium, and run one at a time (the machine has two cores).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserAppFixture>
{
    public const string Name = "Browser";
}
