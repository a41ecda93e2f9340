using Hangfire;

namespace Newsletter.Papers;

/// <summary>The recurring fetch of one source. A failure is logged by Hangfire and retried with growing delays.</summary>
public sealed class PaperFetchJob(PaperFetcher fetcher)
{
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600])]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task RunAsync(string source, CancellationToken cancellationToken) =>
        fetcher.FetchAsync(source, null, cancellationToken);
}
