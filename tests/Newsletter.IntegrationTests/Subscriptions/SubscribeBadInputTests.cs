using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Subscriptions;

/// <summary>Every mistake a caller can make gets a 400 naming the field, and stores nothing.</summary>
public class SubscribeBadInputTests(SmtpAppFixture fixture) : IClassFixture<SmtpAppFixture>
{
    private readonly NewsletterApp app = fixture.App;

    public static TheoryData<string, string> BadBodies => new()
    {
        // email
        { """{"keywords":["diffusion"]}""", "email" },
        { """{"email":"","keywords":["diffusion"]}""", "email" },
        { """{"email":"not an address","keywords":["diffusion"]}""", "email" },
        { """{"email":"a@example.org\r\nBcc: victim@example.org","keywords":["diffusion"]}""", "email" },
        { """{"email":"a@example.org\n","keywords":["diffusion"]}""", "email" },
        { """{"email":"a@example.org, b@example.org","keywords":["diffusion"]}""", "email" },
        { """{"email":"Ada <a@example.org>","keywords":["diffusion"]}""", "email" },
        { """{"email":"a@[127.0.0.1]","keywords":["diffusion"]}""", "email" },
        { $$"""{"email":"{{new string('a', 250)}}@example.org","keywords":["diffusion"]}""", "email" },
        { """{"email":"a\u0000@example.org","keywords":["diffusion"]}""", "email" },
        { """{"email":42,"keywords":["diffusion"]}""", "email" },
        { """{"email":["a@example.org"],"keywords":["diffusion"]}""", "email" },
        // keywords
        { """{"email":"a@example.org"}""", "keywords" },
        { """{"email":"a@example.org","keywords":[]}""", "keywords" },
        { """{"email":"a@example.org","keywords":null}""", "keywords" },
        { """{"email":"a@example.org","keywords":"diffusion"}""", "keywords" },
        { """{"email":"a@example.org","keywords":[1,2]}""", "keywords" },
        { """{"email":"a@example.org","keywords":["ok",null]}""", "keywords" },
        { """{"email":"a@example.org","keywords":["ok","   "]}""", "keywords" },
        { """{"email":"a@example.org","keywords":[{"k":"v"}]}""", "keywords" },
        { $$"""{"email":"a@example.org","keywords":["{{new string('x', 101)}}"]}""", "keywords" },
        { $$"""{"email":"a@example.org","keywords":[{{string.Join(',', Enumerable.Range(0, 21).Select(i => $"\"k{i}\""))}}]}""", "keywords" },
        { """{"email":"a@example.org","keywords":["line\r\nX-Header: injected"]}""", "keywords" },
        // cadence, hour, zone
        { """{"email":"a@example.org","keywords":["x"],"cadence":"hourly"}""", "cadence" },
        { """{"email":"a@example.org","keywords":["x"],"cadence":7}""", "cadence" },
        { """{"email":"a@example.org","keywords":["x"],"sendHour":24}""", "sendHour" },
        { """{"email":"a@example.org","keywords":["x"],"sendHour":"seven"}""", "sendHour" },
        { """{"email":"a@example.org","keywords":["x"],"sendHour":7.5}""", "sendHour" },
        { """{"email":"a@example.org","keywords":["x"],"timeZone":"Mars/Base"}""", "timeZone" },
        { """{"email":"a@example.org","keywords":["x"],"timeZone":"../../etc/passwd"}""", "timeZone" },
        // the body itself
        { """{"email":""", "body" },
        { """not json at all""", "body" },
        { """["a@example.org"]""", "body" },
        { "\"just a string\"", "body" },
        { "", "body" },
        { new string('[', 100) + new string(']', 100), "body" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_bodies_get_400_naming_the_field_and_store_nothing(string body, string field)
    {
        var before = await app.SubscriberCountAsync();
        using var client = app.HttpClient();

        var response = await client.PostAsync("/api/subscriptions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for '{field}' in {problem}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        Assert.Equal(before, await app.SubscriberCountAsync());
    }

    [Fact]
    public async Task Invalid_UTF8_gets_400()
    {
        using var client = app.HttpClient();
        var bytes = Encoding.UTF8.GetBytes("""{"email":"a@example.org","keywords":["x""").Concat(new byte[] { 0xC3, 0x28, 0xFF }).Concat(Encoding.UTF8.GetBytes("\"]}")).ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");

        var response = await client.PostAsync("/api/subscriptions", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_content_gets_415_with_a_problem()
    {
        using var client = app.HttpClient();
        var response = await client.PostAsync("/api/subscriptions", new StringContent("email=a@example.org", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_oversized_body_gets_413_and_stores_nothing()
    {
        var before = await app.SubscriberCountAsync();
        using var client = app.HttpClient();
        var huge = $$"""{"email":"big@example.org","keywords":["{{new string('x', 3 * 1024 * 1024)}}"]}""";

        // Expect: 100-continue, as curl sends for large bodies: the server's early 413 is read instead of racing the
        // upload into a broken pipe.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/subscriptions") { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await app.SubscriberCountAsync());
    }

    [Fact]
    public async Task Keywords_are_trimmed_and_deduplicated_keeping_the_first_spelling()
    {
        var email = $"tidy-{Guid.NewGuid():N}@example.org";
        using var client = app.HttpClient();

        await client.PostAsJsonAsync("/api/subscriptions", new { email, keywords = new[] { " SAM ", "sam", "Diffusion", "diffusion " } });

        var subscriber = await app.SubscriberAsync(email);
        Assert.Equal(["SAM", "Diffusion"], subscriber.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("daily", subscriber.GetProperty("cadence").GetString());
    }
}
