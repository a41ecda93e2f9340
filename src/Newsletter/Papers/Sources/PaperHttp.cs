using System.Net;
using System.Net.Http.Headers;

namespace Newsletter.Papers.Sources;

/// <summary>The named HttpClient the sources use (timeouts, retries honouring Retry-After, a descriptive User-Agent).</summary>
public static class PaperHttp
{
    public const string ClientName = "papers";

    public static ProductInfoHeaderValue[] UserAgent(string publicBaseUrl) =>
        [new("Newsletter", "1.0"), new($"(self-hosted research paper digest; +{publicBaseUrl})")];

    /// <summary>GETs <paramref name="url"/> and returns its body, or throws <see cref="PaperSourceException"/> saying why not.</summary>
    public static async Task<byte[]> GetBytesAsync(HttpClient client, string sourceName, string url, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or TimeoutException
                                          or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            throw new PaperSourceException($"{sourceName} could not be reached: {exception.Message}", exception);
        }

        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new PaperSourceException($"{sourceName} answered {(int)response.StatusCode} {response.ReasonPhrase} for {url}.");
            }

            return await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
    }
}
