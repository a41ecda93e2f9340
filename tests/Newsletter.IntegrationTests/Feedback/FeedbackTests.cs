using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Dapper;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Feedback;

/// <summary>"More like this" / "Less like this" from real digest emails, over real HTTP: only a POST records.</summary>
public partial class FeedbackTests(FeedbackWorld world) : IClassFixture<FeedbackWorld>
{
    private NewsletterApp App => world.App;

    [Fact]
    public async Task Fetching_every_link_of_a_digest_email_as_mail_scanners_do_records_no_vote_and_unsubscribes_nobody()
    {
        var reader = await world.ReaderAsync("SAM");
        var hrefs = new HtmlParser().ParseDocument(reader.Digest.HtmlBody!).QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!);
        var textLinks = Regex.Matches(reader.Digest.TextBody!, @"https?://\S+").Select(m => m.Value);
        var ours = hrefs.Concat(textLinks).Where(url => url.StartsWith(NewsletterApp.BaseUrl + "/", StringComparison.Ordinal)).Distinct().ToList();

        Assert.Equal(10, reader.Papers.Count);
        Assert.Equal(20, ours.Count(url => url.Contains("/feedback/")));
        Assert.Contains(ours, url => url.Contains("/unsubscribe/"));
        Assert.Contains(ours, url => url.Contains("/manage/"));
        foreach (var url in ours)
        {
            foreach (var (method, accept) in new[] { (HttpMethod.Get, "*/*"), (HttpMethod.Head, "*/*"), (HttpMethod.Get, "text/html,*/*;q=0.8") })
            {
                var response = await world.GetAsync(NewsletterApp.PathOf(url), accept, method);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {url}: {response.StatusCode}");
            }
        }

        Assert.Equal(0, await world.VotesAsync(reader.Email));
        Assert.Equal("active", await App.StatusOfAsync(reader.Email));
        Assert.Empty((await world.ExportAsync(reader)).GetProperty("votes").EnumerateArray());
        var page = new HtmlParser().ParseDocument(await (await world.GetAsync(reader.Papers[0].More, "text/html")).Content.ReadAsStringAsync());
        Assert.Equal(reader.Papers[0].Title, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Yes, more like this", page.QuerySelector($"form[action='{reader.Papers[0].More}'][data-feedback-auto=true] button")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_post_records_one_vote_a_second_changes_nothing_the_opposite_link_replaces_it_and_undo_removes_it()
    {
        var reader = await world.ReaderAsync("SAM");
        var (title, more, less) = reader.Papers[0];

        var first = await world.FetchAsync(more);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);
        var vote = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Matches(@"^2403\.\d{5}$", vote.GetProperty("paperId").GetString());
        Assert.Equal("more", vote.GetProperty("vote").GetString());
        var again = await (await world.FetchAsync(more)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(vote.GetRawText(), again.GetRawText());
        Assert.Equal(1, await world.VotesAsync(reader.Email));

        var page = await world.SubmitAsync(more);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        Assert.Equal(title, document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Noted: more papers like this one.", document.QuerySelector("[data-feedback-status]")!.TextContent);
        Assert.Null(document.QuerySelector("[data-feedback-recorded][hidden]"));
        Assert.Equal("Undo", document.QuerySelector($"form[action='{more}/undo'] button")!.TextContent.Trim());
        Assert.InRange(document.QuerySelectorAll(".similar-list li").Length, 3, 5);
        Assert.Equal(1, await world.VotesAsync(reader.Email));
        var reopened = new HtmlParser().ParseDocument(await (await world.GetAsync(more, "text/html")).Content.ReadAsStringAsync());
        Assert.NotNull(reopened.QuerySelector("[data-feedback-ask][hidden]"));
        Assert.Null(reopened.QuerySelector("form[data-feedback-auto=true]")); // recorded already: the script posts nothing

        var replaced = await (await world.FetchAsync(less)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((vote.GetProperty("paperId").GetString(), "less"), (replaced.GetProperty("paperId").GetString(), replaced.GetProperty("vote").GetString()));
        Assert.Equal(1, await world.VotesAsync(reader.Email));
        var exported = Assert.Single((await world.ExportAsync(reader)).GetProperty("votes").EnumerateArray());
        Assert.Equal((vote.GetProperty("paperId").GetString(), title, "less", replaced.GetProperty("at").GetDateTime()),
            (exported.GetProperty("paperId").GetString(), exported.GetProperty("title").GetString(), exported.GetProperty("vote").GetString(),
             exported.GetProperty("at").GetDateTime()));

        Assert.Equal("less", (await (await world.FetchAsync(more + "/undo")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("vote").GetString());
        var undone = await world.SubmitAsync(less + "/undo");
        Assert.Equal(HttpStatusCode.OK, undone.StatusCode);
        Assert.Contains("Undone: your vote on this paper is removed.", await undone.Content.ReadAsStringAsync());
        Assert.Equal(0, await world.VotesAsync(reader.Email));
        var undoneAgain = await (await world.FetchAsync(less + "/undo")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, undoneAgain.GetProperty("vote").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await world.GetAsync(less + "/undo", "text/html")).StatusCode);
        Assert.Equal(0, await world.VotesAsync(reader.Email));
        Assert.Empty((await world.ExportAsync(reader)).GetProperty("votes").EnumerateArray());
    }

    [Fact]
    public async Task Votes_are_erased_with_the_subscriber_whether_they_delete_themselves_or_an_admin_does()
    {
        var self = await world.ReaderAsync("SAM");
        var byAdmin = await world.ReaderAsync("SAM");
        var stays = await world.ReaderAsync("SAM");
        foreach (var reader in new[] { self, byAdmin, stays })
        {
            Assert.Equal(HttpStatusCode.OK, (await world.FetchAsync(reader.Papers[0].More)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await world.FetchAsync(reader.Papers[1].Less)).StatusCode);
        }

        var before = await world.VotesAsync();
        using (var client = App.HttpClient(followRedirects: false))
        {
            var deletePath = self.ManagePath + "/delete";
            var antiforgery = AntiforgeryField().Match(await client.GetStringAsync(deletePath)).Groups[1].Value;
            var erase = await client.PostAsync(deletePath, new FormUrlEncodedContent([new("__RequestVerificationToken", antiforgery)]));
            Assert.Equal(HttpStatusCode.Redirect, erase.StatusCode);
        }

        var id = (await App.SubscriberAsync(byAdmin.Email)).GetProperty("id").GetInt64();
        using (var admin = App.CreateAdminClient())
        {
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/subscribers/{id}")).StatusCode);
        }

        Assert.Equal(before - 4, await world.VotesAsync());
        Assert.Equal(2, await world.VotesAsync(stays.Email));
        await using var connection = await App.OpenDatabaseAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM votes v LEFT JOIN subscribers s ON s.id = v.subscriber_id WHERE s.id IS NULL"));
        Assert.Equal(HttpStatusCode.NotFound, (await world.FetchAsync(self.Papers[0].More)).StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
