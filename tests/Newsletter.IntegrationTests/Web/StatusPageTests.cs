using System.Net;
using System.Net.Http.Headers;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Web;

/// <summary>Errors without a body of their own: a page for a person's browser, ProblemDetails for everything else.</summary>
public class StatusPageTests : IAsyncLifetime
{
    private readonly NewsletterApp app = new(null);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => app.DisposeAsync().AsTask();

    private async Task<HttpResponseMessage> GetAsync(string path, string? accept)
    {
        using var client = app.HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return await client.SendAsync(request);
    }

    private const string Browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/manage/AgAAAAAAAAABAAAAAAAAAADC7XtVXx8HrEMYgjV4lr1h/export")]
    [InlineData("/dev/mail")]
    public async Task A_browser_asking_for_a_missing_page_gets_a_404_page(string path)
    {
        var response = await GetAsync(path, Browser);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("There's no page here", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("/no-such-page", null)]
    [InlineData("/api/no-such-thing", Browser)]
    [InlineData("/api/papers/nothing", "application/json")]
    public async Task Other_clients_and_the_APIs_get_ProblemDetails(string path, string? accept)
    {
        var response = await GetAsync(path, accept);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
