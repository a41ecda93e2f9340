using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Feedback;

/// <summary>The manage page's side of votes: the papers a reader liked, undone there, and the "learn from my votes" switch.</summary>
public partial class ManagePageVotesTests(FeedbackWorld world) : IClassFixture<FeedbackWorld>
{
    private NewsletterApp App => world.App;

    private static async Task<IHtmlDocument> PageAsync(HttpClient client, string path) =>
        new HtmlParser().ParseDocument(await client.GetStringAsync(path));

    private static string Antiforgery(IHtmlDocument page) =>
        page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private async Task VoteAsync(string path)
    {
        using var client = App.HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Accept.ParseAdd("application/json");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_manage_page_lists_the_liked_papers_newest_first_and_undoes_one_with_its_antiforgery_token()
    {
        var reader = await world.ReaderAsync("SAM");
        await VoteAsync(reader.Papers[0].More);
        await VoteAsync(reader.Papers[1].More);
        await VoteAsync(reader.Papers[2].Less);
        using var client = App.HttpClient(followRedirects: false);

        var page = await PageAsync(client, reader.ManagePath);
        Assert.Equal([reader.Papers[1].Title, reader.Papers[0].Title], page.QuerySelectorAll(".liked-list .liked-title").Select(a => a.TextContent.Trim()));
        var undoForm = page.QuerySelectorAll(".liked-list form")[0];
        var paper = undoForm.QuerySelector("input[name=paper]")!.GetAttribute("value")!;
        var action = undoForm.GetAttribute("action")!;

        var forged = await client.PostAsync(action, new FormUrlEncodedContent([new("paper", paper)]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(3, await world.VotesAsync(reader.Email));

        var undo = await client.PostAsync(action, new FormUrlEncodedContent([new("paper", paper), new("__RequestVerificationToken", Antiforgery(page))]));
        Assert.Equal(HttpStatusCode.Redirect, undo.StatusCode);
        var after = await PageAsync(client, undo.Headers.Location!.OriginalString);
        Assert.Equal([reader.Papers[0].Title], after.QuerySelectorAll(".liked-list .liked-title").Select(a => a.TextContent.Trim()));
        Assert.Contains("Undone", after.QuerySelector("[aria-labelledby=liked-heading] [role=status]")!.TextContent);
        Assert.Equal(2, await world.VotesAsync(reader.Email));
        var again = await client.PostAsync(action, new FormUrlEncodedContent([new("paper", paper), new("__RequestVerificationToken", Antiforgery(page))]));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(2, await world.VotesAsync(reader.Email));
    }

    [Fact]
    public async Task Learning_from_votes_is_on_by_default_and_the_switch_is_saved_with_the_other_preferences()
    {
        var reader = await world.ReaderAsync("SAM");
        using var client = App.HttpClient(followRedirects: false);
        var page = await PageAsync(client, reader.ManagePath);
        var box = page.QuerySelector("input[type=checkbox][name=LearnFromVotes]")!;
        Assert.True(box.HasAttribute("checked"));
        Assert.Equal("Learn from my votes", box.ParentElement!.TextContent.Trim());
        Assert.True((await world.ExportAsync(reader)).GetProperty("learnFromVotes").GetBoolean());

        // Unchecked: the browser posts only the hidden "false" after the box.
        var save = await client.PostAsync(reader.ManagePath, Preferences(page, "weekly"));
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        page = await PageAsync(client, reader.ManagePath);
        Assert.False(page.QuerySelector("input[type=checkbox][name=LearnFromVotes]")!.HasAttribute("checked"));
        var data = await world.ExportAsync(reader);
        Assert.Equal((false, "weekly"), (data.GetProperty("learnFromVotes").GetBoolean(), data.GetProperty("cadence").GetString()));

        // Checked: "true" from the box, then the hidden "false"; the first wins.
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(reader.ManagePath, Preferences(page, "daily", "true"))).StatusCode);
        page = await PageAsync(client, reader.ManagePath);
        Assert.True(page.QuerySelector("input[type=checkbox][name=LearnFromVotes]")!.HasAttribute("checked"));
        Assert.True((await world.ExportAsync(reader)).GetProperty("learnFromVotes").GetBoolean());
    }

    private static FormUrlEncodedContent Preferences(IHtmlDocument page, string cadence, params string[] box) =>
        new([
            new("Keywords", "SAM"), new("Cadence", cadence), new("SendHour", "7"), new("TimeZone", "UTC"),
            .. box.Select(value => new KeyValuePair<string, string>("LearnFromVotes", value)),
            new("LearnFromVotes", "false"),
            new("__RequestVerificationToken", Antiforgery(page)),
        ]);
}
