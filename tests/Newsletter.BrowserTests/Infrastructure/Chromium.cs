using Microsoft.Playwright;

namespace Newsletter.BrowserTests.Infrastructure;

/// <summary>
/// Debian's Chromium (package <c>chromium</c>, installed by tests/run.sh when missing), headless. Playwright's
/// own browser download cannot work here, so it is launched by path; <c>CHROMIUM_PATH</c> overrides the path.
/// </summary>
public static class Chromium
{
    public const string DefaultPath = "/usr/bin/chromium";

    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : DefaultPath;

    public static BrowserTypeLaunchOptions LaunchOptions() => new()
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        // No sandbox (tests run as root in containers), no GPU, and nothing phoning home: no request may leave loopback.
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-dev-shm-usage",
        ],
    };
}
