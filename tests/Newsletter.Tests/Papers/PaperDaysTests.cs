using System.Text;
using Newsletter.Papers;

namespace Newsletter.Tests.Papers;

public class PaperDaysTests : IAsyncLifetime
{
    private TestDatabase test = default!;
    private PaperImporter importer = default!;
    private PaperDays days = default!;

    public async Task InitializeAsync()
    {
        test = await TestDatabase.CreateAsync();
        importer = new PaperImporter(new PaperStore(test.Database, TimeProvider.System), TimeProvider.System);
        days = new PaperDays(test.Database);
    }

    public Task DisposeAsync()
    {
        test.Dispose();
        return Task.CompletedTask;
    }

    private Task ImportListingAsync(string dateLine, params string[] titles) =>
        importer.ImportAsync(Encoding.UTF8.GetBytes(
            dateLine + "\n\n" + string.Join("\n\n", titles.Select(t => $"{t}\n\nAn abstract about {t}."))), PaperFormat.Text);

    [Fact]
    public async Task Without_papers_there_is_no_latest_day()
    {
        Assert.Null(await days.LatestAsync());
    }

    [Fact]
    public async Task A_day_lists_its_papers_in_feed_order_and_links_to_the_neighbouring_days_that_have_papers()
    {
        await importer.ImportAsync(Fixture.Paper("daily-papers-sample.txt"), PaperFormat.Text);
        await ImportListingAsync("Mar 10", "An Earlier Paper on Pruning");
        await ImportListingAsync("Mar 12", "A Middle Paper on Diffusion", "Another Middle Paper on SAM");

        var latest = (await days.LatestAsync())!.Value;
        var newest = await days.GetAsync(latest);
        var middle = await days.GetAsync(newest.Previous!.Value);
        var empty = await days.GetAsync(latest.AddDays(-1));

        Assert.Equal((3, 14), (latest.Month, latest.Day));
        Assert.Equal(97, newest.Papers.Count);
        Assert.StartsWith("ESimCSE", newest.Papers[0].Title);
        Assert.Null(newest.Next);
        Assert.Equal(latest.AddDays(-2), newest.Previous);
        Assert.Equal(["A Middle Paper on Diffusion", "Another Middle Paper on SAM"], middle.Papers.Select(p => p.Title));
        Assert.Equal((latest.AddDays(-4), latest), (middle.Previous!.Value, middle.Next!.Value));
        Assert.Empty(empty.Papers);
        Assert.Equal((latest.AddDays(-2), latest), (empty.Previous!.Value, empty.Next!.Value));
    }

    [Fact]
    public async Task Within_a_day_the_most_upvoted_papers_come_first()
    {
        await importer.ImportAsync(Fixture.Paper("hf-daily-papers.json"), null);

        var day = await days.GetAsync((await days.LatestAsync())!.Value);

        var upvotes = day.Papers.Select(p => p.Upvotes ?? -1).ToList();
        Assert.Equal(97, upvotes.Count);
        Assert.Equal(upvotes.OrderDescending(), upvotes);
    }
}
