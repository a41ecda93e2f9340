using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Subscriptions;

/// <summary>Double opt-in end to end: the real HTTP pipeline, the real outbox, a real SMTP server on loopback.</summary>
public class SubscriptionLifecycleTests(SmtpAppFixture fixture) : IClassFixture<SmtpAppFixture>
{
    private readonly NewsletterApp app = fixture.App;

    private static string NewAddress() => $"reader-{Guid.NewGuid():N}@example.org";

    private async Task<HttpResponseMessage> SubscribeAsync(string email, params string[] keywords)
    {
        using var client = app.HttpClient();
        return await client.PostAsJsonAsync("/api/subscriptions", new { email, keywords });
    }

    private async Task<(string Email, MimeKit.MimeMessage Confirmation)> SubscribeAndConfirmAsync(params string[] keywords)
    {
        var email = NewAddress();
        Assert.Equal(HttpStatusCode.Accepted, (await SubscribeAsync(email, keywords)).StatusCode);
        var confirmation = await fixture.NextEmailToAsync(email);
        using var client = app.HttpClient();
        var confirm = await client.GetAsync(NewsletterApp.PathOf(EmailLinks.Find(confirmation, "/confirm/")));
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        return (email, confirmation);
    }

    [Fact]
    public async Task Subscribing_sends_a_confirmation_over_SMTP_whose_link_confirms()
    {
        var email = NewAddress();

        var response = await SubscribeAsync(email, "diffusion", "SAM");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("pending", await app.StatusOfAsync(email));
        var confirmation = await fixture.NextEmailToAsync(email);
        Assert.Contains("Confirm", confirmation.Subject);
        using var client = app.HttpClient();
        var page = await client.GetAsync(NewsletterApp.PathOf(EmailLinks.Find(confirmation, "/confirm/")));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("You're subscribed", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
        var subscriber = await app.SubscriberAsync(email);
        Assert.Equal("active", subscriber.GetProperty("status").GetString());
        Assert.Equal(["diffusion", "SAM"], subscriber.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.NotEqual(JsonValueKind.Null, subscriber.GetProperty("confirmedAt").ValueKind);
    }

    [Fact]
    public async Task Confirming_twice_is_harmless()
    {
        var (email, confirmation) = await SubscribeAndConfirmAsync("pruning");
        using var client = app.HttpClient();

        var again = await client.GetAsync(NewsletterApp.PathOf(EmailLinks.Find(confirmation, "/confirm/")));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("active", await app.StatusOfAsync(email));
    }

    [Fact]
    public async Task Every_email_is_multipart_with_one_click_unsubscribe_headers_and_its_own_message_id()
    {
        var first = NewAddress();
        var second = NewAddress();
        await SubscribeAsync(first, "diffusion");
        await SubscribeAsync(second, "diffusion");
        var a = await fixture.NextEmailToAsync(first);
        var b = await fixture.NextEmailToAsync(second);

        foreach (var message in new[] { a, b })
        {
            Assert.Equal("multipart/alternative", message.Body.ContentType.MimeType);
            Assert.NotNull(message.TextBody);
            Assert.NotNull(message.HtmlBody);
            Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
            Assert.Matches($"^<{System.Text.RegularExpressions.Regex.Escape(NewsletterApp.BaseUrl)}/unsubscribe/[A-Za-z0-9_-]+>$", message.Headers["List-Unsubscribe"]);
            Assert.NotNull(message.Headers["List-Id"]);
            Assert.Contains(NewsletterApp.BaseUrl + "/manage/", message.TextBody);
            Assert.Contains(NewsletterApp.BaseUrl + "/manage/", message.HtmlBody);
        }

        Assert.NotEqual(a.MessageId, b.MessageId);
    }

    [Theory]
    [InlineData("form")]
    [InlineData("multipart")]
    public async Task The_RFC_8058_one_click_POST_unsubscribes_without_an_antiforgery_token(string encoding)
    {
        var (email, confirmation) = await SubscribeAndConfirmAsync("diffusion");
        var unsubscribeUrl = confirmation.Headers["List-Unsubscribe"].Trim('<', '>');
        HttpContent body = encoding == "form"
            ? new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")])
            : new MultipartFormDataContent { { new StringContent("One-Click"), "List-Unsubscribe" } };
        using var client = app.HttpClient();

        var response = await client.PostAsync(NewsletterApp.PathOf(unsubscribeUrl), body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("unsubscribed", await app.StatusOfAsync(email));
        var again = await client.PostAsync(NewsletterApp.PathOf(unsubscribeUrl), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task The_unsubscribe_page_shows_one_button_and_changes_nothing_on_GET()
    {
        var (email, confirmation) = await SubscribeAndConfirmAsync("diffusion");
        using var client = app.HttpClient();

        var page = await client.GetStringAsync(NewsletterApp.PathOf(EmailLinks.Find(confirmation, "/unsubscribe/")));

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "<button"));
        Assert.Equal("active", await app.StatusOfAsync(email));
    }

    [Fact]
    public async Task An_active_address_is_not_changed_and_gets_its_manage_link_instead()
    {
        var (email, _) = await SubscribeAndConfirmAsync("diffusion", "SAM");

        var response = await SubscribeAsync(email.ToUpperInvariant(), "something else entirely");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var notice = await fixture.NextEmailToAsync(email);
        Assert.Contains("already subscribed", notice.Subject);
        Assert.DoesNotContain("/confirm/", notice.TextBody);
        var subscriber = await app.SubscriberAsync(email);
        Assert.Equal("active", subscriber.GetProperty("status").GetString());
        Assert.Equal(["diffusion", "SAM"], subscriber.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        using var client = app.HttpClient();
        var manage = await client.GetAsync(NewsletterApp.PathOf(EmailLinks.Find(notice, "/manage/")));
        Assert.Equal(HttpStatusCode.OK, manage.StatusCode);
    }

    [Fact]
    public async Task The_answer_is_the_same_whatever_the_address_state()
    {
        var (active, _) = await SubscribeAndConfirmAsync("diffusion");
        var fresh = NewAddress();

        var forActive = await SubscribeAsync(active, "diffusion");
        var forFresh = await SubscribeAsync(fresh, "diffusion");

        Assert.Equal(forFresh.StatusCode, forActive.StatusCode);
        Assert.Equal(await forFresh.Content.ReadAsStringAsync(), await forActive.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unsubscribed_address_that_subscribes_again_is_pending_until_it_confirms_again()
    {
        var (email, confirmation) = await SubscribeAndConfirmAsync("diffusion");
        using var client = app.HttpClient();
        await client.PostAsync(NewsletterApp.PathOf(EmailLinks.Find(confirmation, "/unsubscribe/")), new FormUrlEncodedContent([]));

        await SubscribeAsync(email, "pruning");

        var subscriber = await app.SubscriberAsync(email);
        Assert.Equal("pending", subscriber.GetProperty("status").GetString());
        Assert.Equal(["pruning"], subscriber.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        var second = await fixture.NextEmailToAsync(email);
        await client.GetAsync(NewsletterApp.PathOf(EmailLinks.Find(second, "/confirm/")));
        Assert.Equal("active", await app.StatusOfAsync(email));
    }

    [Theory]
    [InlineData("/confirm/")]
    [InlineData("/manage/")]
    [InlineData("/unsubscribe/")]
    public async Task Unknown_or_forged_tokens_get_404(string route)
    {
        using var client = app.HttpClient();
        foreach (var token in new[] { "nope", "x", "AgAAAAAAAAABAAAAAAAAAADC7XtVXx8HrEMYgjV4lr1h", new string('A', 5000), "%2e%2e%2f%2e%2e%2fetc" })
        {
            var get = await client.GetAsync(route + token);
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        }

        var post = await client.PostAsync("/unsubscribe/AwAAAAAAAAABAAAAAAAAAABq4hkcraqS-QqnpvgqQziT",
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact]
    public async Task A_token_for_one_page_does_not_open_another()
    {
        var (email, confirmation) = await SubscribeAndConfirmAsync("diffusion");
        var unsubscribeToken = EmailLinks.Find(confirmation, "/unsubscribe/").Split('/').Last();
        using var client = app.HttpClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/manage/" + unsubscribeToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/confirm/" + unsubscribeToken)).StatusCode);
        Assert.Equal("active", await app.StatusOfAsync(email));
    }

    [Fact]
    public async Task The_manage_page_saves_new_preferences()
    {
        var (email, confirmation) = await SubscribeAndConfirmAsync("diffusion");
        var managePath = NewsletterApp.PathOf(EmailLinks.Find(confirmation, "/manage/"));
        using var client = app.HttpClient(followRedirects: false);
        var page = await client.GetStringAsync(managePath);
        var antiforgery = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(antiforgery);

        var save = await client.PostAsync(managePath, new FormUrlEncodedContent([
            new("Keywords", "mixture of experts, pruning, pruning"),
            new("Cadence", "weekly"),
            new("SendHour", "9"),
            new("TimeZone", "Europe/Paris"),
            new("__RequestVerificationToken", antiforgery),
        ]));

        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        var subscriber = await app.SubscriberAsync(email);
        Assert.Equal(["mixture of experts", "pruning"], subscriber.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("weekly", subscriber.GetProperty("cadence").GetString());
        Assert.Equal(9, subscriber.GetProperty("sendHour").GetInt32());
        Assert.Equal("Europe/Paris", subscriber.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task The_manage_form_refuses_a_post_without_its_antiforgery_token()
    {
        var (email, confirmation) = await SubscribeAndConfirmAsync("diffusion");
        using var client = app.HttpClient();

        var save = await client.PostAsync(NewsletterApp.PathOf(EmailLinks.Find(confirmation, "/manage/")),
            new FormUrlEncodedContent([new("Keywords", "hijacked"), new("Cadence", "daily")]));

        Assert.Equal(HttpStatusCode.BadRequest, save.StatusCode);
        Assert.Equal(["diffusion"], (await app.SubscriberAsync(email)).GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public async Task Deleting_a_subscriber_erases_them_and_their_links_stop_working()
    {
        var (email, confirmation) = await SubscribeAndConfirmAsync("diffusion");
        var id = (await app.SubscriberAsync(email)).GetProperty("id").GetInt64();
        using var admin = app.CreateAdminClient();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/subscribers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/admin/subscribers/{id}")).StatusCode);

        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/subscribers?email={Uri.EscapeDataString(email)}");
        Assert.Equal(0, page.GetProperty("total").GetInt64());
        using var client = app.HttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(NewsletterApp.PathOf(EmailLinks.Find(confirmation, "/manage/")))).StatusCode);
    }
}
