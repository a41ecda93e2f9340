using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Newsletter.IntegrationTests.Infrastructure;
using Newsletter.IntegrationTests.Subscriptions;

namespace Newsletter.IntegrationTests;

public class AdminAccessTests(SmtpAppFixture fixture) : IClassFixture<SmtpAppFixture>
{
    private readonly NewsletterApp app = fixture.App;

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong", HttpStatusCode.Forbidden)]
    [InlineData(NewsletterApp.AdminKey + "x", HttpStatusCode.Forbidden)]
    [InlineData(NewsletterApp.AdminKey, HttpStatusCode.OK)]
    public async Task The_admin_API_needs_the_right_key(string? key, HttpStatusCode expected)
    {
        using var client = app.HttpClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        Assert.Equal(expected, (await client.GetAsync("/api/admin/subscribers")).StatusCode);
        if (expected != HttpStatusCode.OK)
        {
            Assert.Equal(expected, (await client.DeleteAsync("/api/admin/subscribers/1")).StatusCode);
        }
    }

    [Theory]
    [InlineData("status=everyone", "status")]
    [InlineData("page=0", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("pageSize=100000", "pageSize")]
    public async Task Bad_list_filters_get_400_naming_the_parameter(string query, string field)
    {
        using var client = app.CreateAdminClient();
        var response = await client.GetAsync($"/api/admin/subscribers?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("admin:wrong", HttpStatusCode.Unauthorized)]
    [InlineData("root:" + NewsletterApp.AdminKey, HttpStatusCode.Unauthorized)]
    [InlineData("admin:" + NewsletterApp.AdminKey, HttpStatusCode.OK)]
    public async Task The_Hangfire_dashboard_needs_basic_auth_with_the_admin_key(string? credentials, HttpStatusCode expected)
    {
        using var client = app.HttpClient();
        if (credentials is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        var response = await client.GetAsync("/hangfire");

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Unauthorized)
        {
            Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.ToString());
        }
    }

    [Fact]
    public async Task Health_answers_200_when_the_database_and_job_storage_answer()
    {
        using var client = app.HttpClient();
        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(health.GetProperty("status").GetString() == "Healthy", health.ToString());
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_API()
    {
        using var client = app.HttpClient();
        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/subscriptions", document);
        Assert.Contains("/api/admin/subscribers", document);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/")).StatusCode);
    }
}

public class AdminKeyUnsetTests
{
    [Fact]
    public async Task Without_a_configured_key_outside_Development_admin_endpoints_refuse_everyone()
    {
        await using var app = new NewsletterApp(null, new Dictionary<string, string?> { ["Newsletter:AdminApiKey"] = "" });
        using var client = app.HttpClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/admin/subscribers")).StatusCode);

        client.DefaultRequestHeaders.Remove("X-Api-Key");
        client.DefaultRequestHeaders.Add("X-Api-Key", "anything");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/admin/subscribers")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/hangfire")).StatusCode);
    }
}
