using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Security;

/// <summary>
/// Hostile input against every API: each case must get a 4xx that explains itself (a ProblemDetails body),
/// never a 5xx, and must store nothing.
/// </summary>
public class HostileInputBatteryTests(HostileInputBatteryTests.Fixture fixture) : IClassFixture<HostileInputBatteryTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public NewsletterApp App { get; } = new(null, new Dictionary<string, string?> { ["Papers:MaxImportBytes"] = "2000000" });

        public async Task InitializeAsync()
        {
            using var admin = App.CreateAdminClient();
            (await admin.PostAsync("/api/admin/papers/import", new ByteArrayContent(Newsletter.Fixtures.Fixture.Paper("daily-papers-sample.txt")))).EnsureSuccessStatusCode();
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private const string Json = "application/json";
    private static readonly string Huge = new('x', 3 * 1024 * 1024);
    private static readonly string Markup = "<img src=x onerror=alert(1)>";
    private static readonly string[] AddressAttacks =
    [
        "a@example.org\r\nBcc: victim@example.org", "a@example.org\nSubject: spam", "a@example.org\r", "\r\na@example.org",
        "a@example.org, b@example.org", "a@example.org;b@example.org", "a@example.org b@example.org", "Ada <a@example.org>",
        "undisclosed-recipients:;", "a@[127.0.0.1]", "a@[IPv6:::1]", "a@127.0.0.1", $"{new string('a', 300)}@example.org",
        $"a@{new string('b', 300)}.org", "a\u0000b@example.org", "a@exa\u0000mple.org", "<script>@example.org", $"{Markup}@example.org",
        "a@example.org%0d%0aBcc:x@y.org", "", " ", "@", "a@", "@example.org", "a@@example.org", "a@example..org", "a@.example.org",
        "a@-example.org", "a@example.org.", "\"quoted\"@example.org\r\n",
    ];

    private static readonly string[] KeywordAttacks =
    [
        "line\r\nX-Header: injected", "tab\tand\u0000nul", new('k', 101), "", "   ",
    ];

    public static TheoryData<string, string, string?, string> Cases()
    {
        var cases = new TheoryData<string, string, string?, string>();
        foreach (var address in AddressAttacks)
        {
            cases.Add("POST", "/api/subscriptions", JsonSerializer.Serialize(new { email = address, keywords = new[] { "SAM" } }), Json);
        }

        foreach (var keyword in KeywordAttacks)
        {
            cases.Add("POST", "/api/subscriptions", JsonSerializer.Serialize(new { email = "ok@example.org", keywords = new[] { keyword } }), Json);
            cases.Add("POST", "/api/preview", JsonSerializer.Serialize(new { keywords = new[] { keyword } }), Json);
        }

        foreach (var body in new[]
                 {
                     "{", "}", "[", "null", "true", "42", "\"text\"", "{\"email\":}", "{'email':'a@example.org'}", "{\"email\":\"a@example.org\",}",
                     "{\"email\":\"a@example.org\",\"keywords\":[\"SAM\"]", new string('{', 200), "{\"email\":{\"$ne\":null},\"keywords\":[\"SAM\"]}",
                     "{\"email\":\"a@example.org\",\"keywords\":[[\"SAM\"]]}", "{\"email\":\"a@example.org\",\"keywords\":[\"SAM\"],\"cadence\":[\"daily\"]}",
                     "{\"email\":\"a@example.org\",\"keywords\":[\"SAM\"],\"sendHour\":1e400}", "{\"email\":\"a@example.org\",\"keywords\":[\"SAM\"],\"sendHour\":-1}",
                     "{\"email\":\"a@example.org\",\"keywords\":[\"SAM\"],\"timeZone\":\"../../../../etc/localtime\"}",
                     "{\"email\":\"a@example.org\",\"keywords\":[\"SAM\"],\"timeZone\":\"" + Markup + "\"}",
                     "{\"email\":\"a@example.org\",\"keywords\":" + JsonSerializer.Serialize(Enumerable.Range(0, 500).Select(i => $"k{i}")) + "}",
                     "{\"email\":\"a@example.org\",\"keywords\":[\"" + Huge[..20000] + "\"]}",
                 })
        {
            cases.Add("POST", "/api/subscriptions", body, Json);
        }

        foreach (var body in new[] { "{", "[]", "{\"keywords\":null}", "{\"keywords\":[1]}", "{\"keywords\":[\"SAM\"],\"limit\":-5}", "{\"keywords\":[\"SAM\"],\"limit\":1000}",
                     "{\"keywords\":[\"SAM\"],\"since\":\"'; DROP TABLE papers; --\"}", "{\"keywords\":[\"SAM\"],\"since\":\"" + Markup + "\"}" })
        {
            cases.Add("POST", "/api/preview", body, Json);
        }

        cases.Add("POST", "/api/subscriptions", "email=a@example.org&keywords=SAM", "application/x-www-form-urlencoded");
        cases.Add("POST", "/api/subscriptions", "<subscribe/>", "application/xml");
        cases.Add("POST", "/api/subscriptions", "{\"email\":\"big@example.org\",\"keywords\":[\"" + Huge + "\"]}", Json);
        cases.Add("POST", "/api/preview", "{\"keywords\":[\"" + Huge + "\"]}", Json);

        foreach (var query in new[] { "since=" + Uri.EscapeDataString(Markup), "since=2024-13-45", "limit=-1", "limit=99999999999", "offset=abc", "limit=1;DROP TABLE papers" })
        {
            cases.Add("GET", "/api/papers?" + query, null, Json);
        }

        foreach (var token in new[] { "x", "%00", "..%2F..%2Fetc%2Fpasswd", new string('A', 4000), "AgAAAAAAAAABAAAAAAAAAADC7XtVXx8HrEMYgjV4lr1h", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", Uri.EscapeDataString(Markup) })
        {
            cases.Add("GET", "/confirm/" + token, null, "text/html");
            cases.Add("GET", "/manage/" + token, null, "text/html");
            cases.Add("POST", "/unsubscribe/" + token, "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded");
            cases.Add("GET", "/feedback/" + token, null, "text/html");
            if (token != "%00") // Kestrel itself refuses a NUL in a path: 400 before the app, with no body to check
            {
                cases.Add("POST", "/feedback/" + token, "{}", Json);
                cases.Add("POST", "/feedback/" + token + "/undo", "{}", Json);
            }
        }

        return cases;
    }

    public static TheoryData<string, string, string?, string> AdminCases()
    {
        var cases = new TheoryData<string, string, string?, string>();
        foreach (var (path, body) in new[]
                 {
                     ("/api/admin/papers/import?format=" + Uri.EscapeDataString(Markup), "x"),
                     ("/api/admin/papers/import?format=text", "no date line here\n\njust text"),
                     ("/api/admin/papers/import?format=hf-json", "[{\"paper\":"),
                     ("/api/admin/papers/import?format=arxiv-atom", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><feed>&e;</feed>"),
                     ("/api/admin/papers/import", ""),
                     ("/api/admin/papers/import", Huge),
                     ("/api/admin/papers/fetch", "{\"source\":\"" + Markup + "\"}"),
                     ("/api/admin/papers/fetch", "{\"source\":\"huggingface\",\"date\":\"'; DROP TABLE papers; --\"}"),
                     ("/api/admin/subscribers/import?confirmed=maybe", "email,keywords,cadence\na@example.org,SAM,daily"),
                     ("/api/admin/subscribers/import", "name,topics\nA,SAM"),
                     ("/api/admin/subscribers/import", ""),
                     ("/api/admin/digests/runs", "{\"since\":\"" + Markup + "\"}"),
                 })
        {
            cases.Add("POST", path, body, path.Contains("fetch") || path.Contains("digests") ? Json : "text/plain");
        }

        foreach (var query in new[] { "status=" + Uri.EscapeDataString(Markup), "page=-1", "pageSize=0", "email=" + Uri.EscapeDataString(new string('a', 300)) })
        {
            cases.Add("GET", "/api/admin/subscribers?" + query, null, Json);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Public_hostile_input_gets_a_4xx_that_explains_itself_and_stores_nothing(string method, string path, string? body, string contentType) =>
        AssertRefusedAsync(fixture.App.HttpClient(), method, path, body, contentType);

    [Theory]
    [MemberData(nameof(AdminCases))]
    public Task Admin_hostile_input_gets_a_4xx_that_explains_itself_and_stores_nothing(string method, string path, string? body, string contentType) =>
        AssertRefusedAsync(fixture.App.CreateAdminClient(), method, path, body, contentType);

    [Fact]
    public void The_battery_holds_at_least_100_cases() => Assert.True(Cases().Count + AdminCases().Count >= 100);

    private async Task AssertRefusedAsync(HttpClient client, string method, string path, string? body, string contentType)
    {
        using (client)
        {
            var (subscribers, papers) = await CountsAsync();
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            }

            request.Headers.Accept.ParseAdd(contentType == "text/html" ? "text/html" : "application/json");
            // As curl does for large bodies: without it, a server that refuses an oversized body before reading it
            // closes the connection while the client is still writing, and the client sees a broken pipe, not the 413.
            request.Headers.ExpectContinue = body is { Length: > 1024 };
            var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();

            Assert.InRange((int)response.StatusCode, 400, 499);
            if (contentType != "text/html" && !path.StartsWith("/unsubscribe/") )
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                using var problem = JsonDocument.Parse(text);
                Assert.True(problem.RootElement.TryGetProperty("title", out _));
            }

            Assert.DoesNotContain(Markup, text);
            Assert.Equal((subscribers, papers), await CountsAsync());
        }
    }

    private async Task<(long Subscribers, long Papers)> CountsAsync()
    {
        using var admin = fixture.App.CreateAdminClient();
        var subscribers = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/subscribers")).GetProperty("total").GetInt64();
        var papers = (await admin.GetFromJsonAsync<JsonElement>("/api/papers")).GetProperty("total").GetInt64();
        return (subscribers, papers);
    }
}
