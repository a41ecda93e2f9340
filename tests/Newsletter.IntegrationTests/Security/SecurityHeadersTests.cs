using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Security;

public class SecurityHeadersTests(Subscriptions.SmtpAppFixture fixture) : IClassFixture<Subscriptions.SmtpAppFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/check-inbox")]
    [InlineData("/manage/AgAAAAAAAAABAAAAAAAAAADC7XtVXx8HrEMYgjV4lr1h")]
    [InlineData("/unsubscribe/AwAAAAAAAAABAAAAAAAAAABq4hkcraqS-QqnpvgqQziT")]
    [InlineData("/feedback/BAEBmzWnZ2yq3fE1Mz4LlH0xq3A")]
    [InlineData("/api/papers")]
    public async Task Every_page_sends_a_CSP_without_inline_script_nosniff_and_no_referrer(string path)
    {
        using var client = fixture.App.HttpClient();
        var response = await client.GetAsync(path);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("http", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Errors_outside_Development_carry_no_stack_trace()
    {
        using var client = fixture.App.HttpClient();
        var response = await client.PostAsync("/api/subscriptions", new StringContent("{\"email\":", System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("Exception", body);
    }
}
