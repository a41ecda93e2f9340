using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Data;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Subscriptions;

/// <summary>POST /api/admin/subscribers/import through real HTTP, with confirmations over a real SMTP server.</summary>
public class SubscriberImportApiTests(SmtpAppFixture fixture) : IClassFixture<SmtpAppFixture>
{
    private const string Header = "email,keywords,cadence\r\n";
    private readonly NewsletterApp app = fixture.App;

    private static string NewAddress() => $"imported-{Guid.NewGuid():N}@example.org";

    private async Task<(HttpStatusCode Status, JsonElement Body)> ImportAsync(string csv, string query)
    {
        using var admin = app.CreateAdminClient();
        var response = await admin.PostAsync("/api/admin/subscribers/import" + query, new StringContent(csv, Encoding.UTF8, "text/csv"));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static (int Imported, int Updated, int Skipped) Counts(JsonElement body) =>
        (body.GetProperty("imported").GetInt32(), body.GetProperty("updated").GetInt32(), body.GetProperty("skipped").GetInt32());

    private static string[] KeywordsOf(JsonElement subscriber) =>
        subscriber.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()!).ToArray();

    private async Task<bool> ExistsAsync(string email)
    {
        using var admin = app.CreateAdminClient();
        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/subscribers?email={Uri.EscapeDataString(email)}");
        return page.GetProperty("total").GetInt64() > 0;
    }

    /// <summary>Emails queued for <paramref name="recipient"/>: the outbox is the only place a missing email shows without waiting.</summary>
    private async Task<long> QueuedEmailsToAsync(string recipient)
    {
        await using var connection = await app.Services.GetRequiredService<IDatabase>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE lower(recipient) = lower(@recipient)", new { recipient });
    }

    private async Task<(string Email, MimeKit.MimeMessage Confirmation)> SubscribeAndConfirmAsync()
    {
        var email = NewAddress();
        using var client = app.HttpClient();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/subscriptions", new { email, keywords = new[] { "diffusion" } })).StatusCode);
        var confirmation = await fixture.NextEmailToAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(NewsletterApp.PathOf(EmailLinks.Find(confirmation, "/confirm/")))).StatusCode);
        return (email, confirmation);
    }

    [Fact]
    public async Task Confirmed_rows_become_active_subscribers_in_the_admin_list_with_keywords_split_on_semicolons_and_get_no_email()
    {
        var (ada, grace) = (NewAddress(), NewAddress());

        var (status, body) = await ImportAsync(
            Header + $"{ada},diffusion;SAM; mixture of experts ,weekly\r\n{grace},\"pruning;quantisation, 4-bit\",\r\n", "?confirmed=true");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((2, 0, 0), Counts(body));
        Assert.Empty(body.GetProperty("errors").EnumerateArray());
        var first = await app.SubscriberAsync(ada);
        Assert.Equal("active", first.GetProperty("status").GetString());
        Assert.Equal(["diffusion", "SAM", "mixture of experts"], KeywordsOf(first));
        Assert.Equal("weekly", first.GetProperty("cadence").GetString());
        Assert.NotEqual(JsonValueKind.Null, first.GetProperty("confirmedAt").ValueKind);
        var second = await app.SubscriberAsync(grace);
        Assert.Equal(["pruning", "quantisation, 4-bit"], KeywordsOf(second));
        Assert.Equal("daily", second.GetProperty("cadence").GetString());
        Assert.Equal(0, await QueuedEmailsToAsync(ada) + await QueuedEmailsToAsync(grace));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?confirmed=false")]
    [InlineData("?confirmed=False")]
    public async Task Unconfirmed_rows_are_pending_and_each_gets_a_confirmation_over_SMTP_whose_link_confirms(string query)
    {
        var (ada, grace) = (NewAddress(), NewAddress());

        var (status, body) = await ImportAsync(Header + $"{ada},diffusion;SAM,\r\n{grace},pruning,weekly\r\n", query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((2, 0, 0), Counts(body));
        using var client = app.HttpClient();
        foreach (var email in new[] { ada, grace })
        {
            Assert.Equal("pending", await app.StatusOfAsync(email));
            var confirmation = await fixture.NextEmailToAsync(email);
            Assert.Contains("Confirm", confirmation.Subject);
            var page = await client.GetAsync(NewsletterApp.PathOf(EmailLinks.Find(confirmation, "/confirm/")));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("active", await app.StatusOfAsync(email));
        }

        Assert.Equal(["diffusion", "SAM"], KeywordsOf(await app.SubscriberAsync(ada)));
    }

    [Fact]
    public async Task Bad_rows_are_reported_with_their_line_numbers_and_the_good_rows_are_imported()
    {
        var (good, quoted) = (NewAddress(), NewAddress());
        var (noKeywords, badCadence, twoFields) = (NewAddress(), NewAddress(), NewAddress());
        var csv = "\uFEFFEmail,Keywords,Cadence\r\n"         // 1, with a byte order mark and capitals
            + $"{good},diffusion,daily\r\n"                 // 2
            + "not an address,diffusion,\r\n"               // 3
            + "\r\n"                                        // 4: blank, ignored
            + $"{noKeywords},,weekly\n"                     // 5
            + $"{badCadence},pruning,monthly\n"             // 6
            + $"{twoFields},pruning\n"                      // 7
            + $"{good.ToUpperInvariant()},other,weekly\n"   // 8: the address of line 2 again
            + $"\"{quoted}\",\"a \"\"quoted\"\" keyword\",weekly\n"; // 9

        var (status, body) = await ImportAsync(csv, "?confirmed=true");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((2, 0, 5), Counts(body));
        var errors = body.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([3, 5, 6, 7, 8], errors.Select(e => e.GetProperty("line").GetInt32()));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("reason").GetString())));
        Assert.Contains("line 2", errors[^1].GetProperty("reason").GetString());
        Assert.Equal(["diffusion"], KeywordsOf(await app.SubscriberAsync(good)));
        Assert.Equal(["a \"quoted\" keyword"], KeywordsOf(await app.SubscriberAsync(quoted)));
        foreach (var skipped in new[] { noKeywords, badCadence, twoFields })
        {
            Assert.False(await ExistsAsync(skipped), skipped);
        }
    }

    [Fact]
    public async Task An_unsubscribed_address_is_skipped_by_an_unconfirmed_import_and_reactivated_only_by_a_confirmed_one()
    {
        var (email, confirmation) = await SubscribeAndConfirmAsync();
        using var client = app.HttpClient();
        await client.PostAsync(NewsletterApp.PathOf(EmailLinks.Find(confirmation, "/unsubscribe/")), new FormUrlEncodedContent([]));
        Assert.Equal("unsubscribed", await app.StatusOfAsync(email));
        var emailsBefore = await QueuedEmailsToAsync(email);

        var (_, skipped) = await ImportAsync(Header + $"{email},pruning,weekly\r\n", "?confirmed=false");

        Assert.Equal((0, 0, 1), Counts(skipped));
        var error = Assert.Single(skipped.GetProperty("errors").EnumerateArray());
        Assert.Equal((2, "unsubscribed"), (error.GetProperty("line").GetInt32(), error.GetProperty("reason").GetString()));
        Assert.Equal("unsubscribed", await app.StatusOfAsync(email));
        Assert.Equal(["diffusion"], KeywordsOf(await app.SubscriberAsync(email)));
        Assert.Equal(emailsBefore, await QueuedEmailsToAsync(email));

        var (_, reactivated) = await ImportAsync(Header + $"{email},pruning,weekly\r\n", "?confirmed=true");

        Assert.Equal((0, 1, 0), Counts(reactivated));
        var subscriber = await app.SubscriberAsync(email);
        Assert.Equal("active", subscriber.GetProperty("status").GetString());
        Assert.Equal(["pruning"], KeywordsOf(subscriber));
        Assert.Equal(JsonValueKind.Null, subscriber.GetProperty("unsubscribedAt").ValueKind);
    }

    [Fact]
    public async Task An_active_address_stays_active_and_takes_the_new_keywords_and_cadence_without_an_email()
    {
        var email = NewAddress();
        await ImportAsync(Header + $"{email},diffusion,daily\r\n", "?confirmed=true");

        var (status, body) = await ImportAsync(Header + $"{email},pruning;SAM,weekly\r\n", "?confirmed=false");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((0, 1, 0), Counts(body));
        var subscriber = await app.SubscriberAsync(email);
        Assert.Equal("active", subscriber.GetProperty("status").GetString());
        Assert.Equal(["pruning", "SAM"], KeywordsOf(subscriber));
        Assert.Equal("weekly", subscriber.GetProperty("cadence").GetString());
        Assert.Equal(0, await QueuedEmailsToAsync(email));
    }

    [Fact]
    public async Task A_pending_address_takes_the_new_keywords_and_gets_a_fresh_confirmation()
    {
        var email = NewAddress();
        await ImportAsync(Header + $"{email},diffusion,\r\n", "");
        await fixture.NextEmailToAsync(email);

        var (_, body) = await ImportAsync(Header + $"{email},pruning,\r\n", "");

        Assert.Equal((0, 1, 0), Counts(body));
        var fresh = await fixture.NextEmailToAsync(email);
        Assert.Contains("pruning", fresh.TextBody);
        using var client = app.HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(NewsletterApp.PathOf(EmailLinks.Find(fresh, "/confirm/")))).StatusCode);
        var subscriber = await app.SubscriberAsync(email);
        Assert.Equal("active", subscriber.GetProperty("status").GetString());
        Assert.Equal(["pruning"], KeywordsOf(subscriber));
    }

    public static TheoryData<string> BadFiles => new()
    {
        "",
        "\r\n\r\n",
        "\uFEFF",
        "a@example.org,diffusion,daily\r\n",
        "email,keywords\r\na@example.org,diffusion\r\n",
        "keywords,email,cadence\r\ndiffusion,a@example.org,daily\r\n",
        "email;keywords;cadence\r\na@example.org;diffusion;daily\r\n",
        "email,keywords,cadence,sendHour\r\na@example.org,diffusion,daily,7\r\n",
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_missing_or_wrong_header_or_an_empty_body_gets_400_naming_the_body_and_stores_nothing(string csv)
    {
        var before = await app.SubscriberCountAsync();

        var (status, problem) = await ImportAsync(csv, "?confirmed=true");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty("body", out var messages), $"no error for 'body' in {problem}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        Assert.Equal(before, await app.SubscriberCountAsync());
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("truee")]
    [InlineData("null")]
    public async Task A_confirmed_that_is_not_true_or_false_gets_400_naming_it_and_stores_nothing(string confirmed)
    {
        var email = NewAddress();
        using var admin = app.CreateAdminClient();

        var response = await admin.PostAsync($"/api/admin/subscribers/import?confirmed={confirmed}",
            new StringContent(Header + $"{email},diffusion,\r\n", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("confirmed", out _));
        Assert.False(await ExistsAsync(email));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong", HttpStatusCode.Forbidden)]
    public async Task Import_needs_the_admin_key(string? key, HttpStatusCode expected)
    {
        var email = NewAddress();
        using var client = app.HttpClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        var response = await client.PostAsync("/api/admin/subscribers/import?confirmed=true",
            new StringContent(Header + $"{email},diffusion,\r\n", Encoding.UTF8, "text/csv"));

        Assert.Equal(expected, response.StatusCode);
        Assert.False(await ExistsAsync(email));
    }
}
