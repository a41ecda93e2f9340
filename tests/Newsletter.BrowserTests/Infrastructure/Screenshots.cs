using Microsoft.Playwright;

namespace Newsletter.BrowserTests.Infrastructure;

/// <summary>
/// Saves screenshots as test artifacts in <c>TestResults/screenshots/</c> at the repository root (ignored by git),
/// named <c>{page}-{width}.png</c>: the whole page, or its first <see cref="MaxHeight"/> pixels when longer.
/// </summary>
public static class Screenshots
{
    public const int MaxHeight = 5000;

    public static string Directory { get; } = Path.Combine(RepositoryRoot(), "TestResults", "screenshots");

    public static async Task<string> SaveAsync(IPage page, string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var viewport = page.ViewportSize!;
        var path = Path.Combine(Directory, $"{name}-{viewport.Width}.png");
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        if (height <= MaxHeight)
        {
            await page.ScreenshotAsync(new() { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
            return path;
        }

        // A full-page capture of a very long page (a day of papers on a phone is ~30,000 px) asks headless
        // Chromium for one huge surface, which it sometimes cannot give; a tall viewport is cheap.
        await page.SetViewportSizeAsync(viewport.Width, MaxHeight);
        try
        {
            await page.ScreenshotAsync(new() { Path = path, Animations = ScreenshotAnimations.Disabled });
        }
        finally
        {
            await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
        }

        return path;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Newsletter.sln")))
            {
                return directory.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}
