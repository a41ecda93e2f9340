using System.Net;
using System.Text;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Subscriptions;

/// <summary>The configurable size limit of POST /api/admin/subscribers/import, set low for the test.</summary>
public class SubscriberImportLimitTests : IAsyncLifetime
{
    private const long MaxImportBytes = 10_000;
    private NewsletterApp app = default!;
    private HttpClient admin = default!;

    public Task InitializeAsync()
    {
        app = new NewsletterApp(null, new Dictionary<string, string?> { ["Subscribers:MaxImportBytes"] = MaxImportBytes.ToString() });
        admin = app.CreateAdminClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        admin.Dispose();
        await app.DisposeAsync();
    }

    private static byte[] Csv(int rows) => Encoding.UTF8.GetBytes(
        "email,keywords,cadence\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $"limit-{i:D5}@example.org,diffusion,daily\n")));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_file_over_the_limit_gets_413_whether_or_not_it_declares_its_length_and_stores_nothing(bool declared)
    {
        var big = Csv(1000);
        Assert.True(big.Length > MaxImportBytes);
        HttpContent content = declared ? new ByteArrayContent(big) : new StreamContent(new NonSeekableStream(big));

        var response = await admin.PostAsync("/api/admin/subscribers/import?confirmed=true", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await app.SubscriberCountAsync());
    }

    [Fact]
    public async Task A_file_under_the_limit_is_imported()
    {
        var small = Csv(100);
        Assert.True(small.Length < MaxImportBytes);

        var response = await admin.PostAsync("/api/admin/subscribers/import?confirmed=true", new ByteArrayContent(small));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(100, await app.SubscriberCountAsync());
    }

    /// <summary>A body stream with no length, so HttpClient sends it chunked.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
