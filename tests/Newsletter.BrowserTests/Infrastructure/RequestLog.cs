using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Newsletter.BrowserTests.Infrastructure;

/// <summary>Every request a browser context makes, to prove that pages load nothing from anywhere but the app.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<string> urls = new();

    public RequestLog(IBrowserContext context) => context.Request += (_, request) => urls.Enqueue(request.Url);

    /// <summary>Fails with the offending URLs when any request went to another origin (a CDN, a web font, a tracker).</summary>
    public void AssertOnlyTo(Uri origin)
    {
        var elsewhere = urls.Where(url => !url.StartsWith(origin.GetLeftPart(UriPartial.Authority) + "/", StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(elsewhere.Count == 0, $"Requests left the app:\n{string.Join("\n", elsewhere)}");
        Assert.NotEmpty(urls);
    }
}
