using Dapper;
using Newsletter.Matching;
using Newsletter.Papers;

namespace Newsletter.Tests.Papers;

public sealed class PaperStoreTestsOnSqlite() : PaperStoreTests("sqlite");

public sealed class PaperStoreTestsOnPostgres() : PaperStoreTests("postgres");

public abstract class PaperStoreTests(string dialect) : IAsyncLifetime
{
    private TestDatabase test = default!;
    private PaperStore store = default!;
    private PaperImporter importer = default!;

    public async Task InitializeAsync()
    {
        test = await TestDatabase.CreateAsync(dialect);
        store = new PaperStore(test.Database, TimeProvider.System);
        importer = new PaperImporter(store, TimeProvider.System);
    }

    public Task DisposeAsync()
    {
        test.Dispose();
        return Task.CompletedTask;
    }

    private Task<PaperImportResult> ImportAsync(string fixture) => importer.ImportAsync(Fixture.Paper(fixture), null);

    private async Task<long> CountAsync(string sql = "SELECT COUNT(*) FROM papers")
    {
        await using var connection = await test.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    [Fact]
    public async Task Importing_the_sample_adds_97_and_importing_it_again_adds_none()
    {
        var first = await ImportAsync("daily-papers-sample.txt");
        var second = await ImportAsync("daily-papers-sample.txt");

        Assert.Equal((97, 0, 0), (first.Added, first.Updated, first.Unchanged));
        Assert.Equal((0, 0, 97), (second.Added, second.Updated, second.Unchanged));
        Assert.Equal(97, await CountAsync());
    }

    [Fact]
    public async Task The_same_papers_from_Hugging_Face_and_arXiv_merge_into_the_existing_ones()
    {
        await ImportAsync("daily-papers-sample.txt");
        var (_, before) = await store.ListAsync(null, 200, 0);

        var hf = await ImportAsync("hf-daily-papers.json");
        var arxiv = await ImportAsync("arxiv-atom.xml");

        Assert.Equal((0, 97), (hf.Added, hf.Updated));
        Assert.Equal((0, 97), (arxiv.Added, arxiv.Updated)); // each gains the arxiv source
        Assert.Equal(97, await CountAsync());
        var (_, papers) = await store.ListAsync(null, 200, 0);
        Assert.All(papers, p =>
        {
            Assert.NotNull(p.ArxivId);
            Assert.NotNull(p.Upvotes);
            Assert.Equal(["text", "huggingface", "arxiv"], p.Sources);
            Assert.Equal(new DateOnly(2024, 3, 14), p.FeedDate); // the feed's own date beats the yearless guess
        });
        var esimcse = papers.Single(p => p.Title.StartsWith("ESimCSE"));
        Assert.Equal("2403.08000", esimcse.PublicId);
        Assert.Equal(before.Single(p => p.Title.StartsWith("ESimCSE")).Key, esimcse.Key); // the first id stays valid
        Assert.Equal("https://huggingface.co/papers/2403.08000", esimcse.Links.Page);
    }

    [Fact]
    public async Task Upvotes_update_and_an_unchanged_paper_is_reported_unchanged()
    {
        await ImportAsync("hf-daily-papers.json");
        var again = await ImportAsync("hf-daily-papers.json");
        Assert.Equal(97, again.Unchanged);

        var json = """[{"paper":{"id":"2403.08000","title":"ESimCSE: Enhanced Sample Building Method for Contrastive Learning of Unsupervised Sentence Embedding","upvotes":999}}]""";
        var result = await importer.ImportAsync(System.Text.Encoding.UTF8.GetBytes(json), PaperFormat.HuggingFaceJson);

        Assert.Equal(1, result.Updated);
        var (_, papers) = await store.ListAsync(null, 200, 0);
        Assert.Equal(999, papers.Single(p => p.ArxivId == "2403.08000").Upvotes);
    }

    [Fact]
    public async Task A_title_differing_only_in_case_and_punctuation_is_the_same_paper()
    {
        await ImportAsync("daily-papers-sample.txt");
        var text = "Mar 14\n\nesimcse -- ENHANCED sample building method for contrastive learning of unsupervised sentence embedding!\n\nAn abstract.\n";

        var result = await importer.ImportAsync(System.Text.Encoding.UTF8.GetBytes(text), PaperFormat.Text);

        Assert.Equal((0, 1), (result.Added, result.Unchanged));
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_stores_nothing()
    {
        await Assert.ThrowsAsync<PaperFormatException>(() => ImportAsync("arxiv-malformed.xml"));
        await Assert.ThrowsAsync<PaperFormatException>(() => ImportAsync("hf-malformed.json"));
        await Assert.ThrowsAsync<PaperFormatException>(() => ImportAsync("arxiv-xxe.xml"));

        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task The_full_text_index_follows_inserts_and_updates_in_step()
    {
        await importer.ImportAsync(System.Text.Encoding.UTF8.GetBytes("March 20, 2024\n\nA Quokka Paper\n\nOn marsupials.\n"), null);
        Assert.Equal((1, 1, 0), (await MatchCountAsync("quokka"), await MatchCountAsync("marsupial"), await MatchCountAsync("wombat")));

        await using (var connection = await test.Database.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE papers SET abstract = 'On wombats.' WHERE title = 'A Quokka Paper'");
        }

        // Stemming: wombats ~ wombat. The old abstract is gone from the index.
        Assert.Equal((1, 0, 1), (await MatchCountAsync("quokka"), await MatchCountAsync("marsupial"), await MatchCountAsync("wombat")));
        if (dialect == "sqlite")
        {
            await using var connection = await test.Database.OpenAsync();
            await connection.ExecuteAsync("INSERT INTO papers_fts (papers_fts) VALUES ('integrity-check')");
        }
    }

    private async Task<int> MatchCountAsync(string word)
    {
        await using var connection = await test.Database.OpenAsync();
        var index = FullTextIndex.Of(connection);
        return (await index.MatchAsync(connection, index.Expression(word, []), 0)).Count;
    }

    [Fact]
    public async Task Hostile_text_is_stored_exactly_and_the_tables_survive()
    {
        var result = await ImportAsync("hf-hostile.json");

        Assert.Equal(2, result.Added);
        var (_, papers) = await store.ListAsync(null, 10, 0);
        Assert.Contains(papers, p => p.Title == "<img src=x onerror=alert(1)> Diffusion <b>models</b>");
        Assert.Contains(papers, p => p.Abstract.Contains("DROP TABLE papers; --"));
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task Listing_is_newest_first_and_filters_by_feed_date()
    {
        await ImportAsync("hf-daily-papers.json");
        await importer.ImportAsync(System.Text.Encoding.UTF8.GetBytes("March 20, 2024\n\nA Newer Paper\n\nIts abstract.\n"), null);

        var (total, papers) = await store.ListAsync(new DateOnly(2024, 3, 15), 10, 0);
        var (all, _) = await store.ListAsync(null, 1, 0);

        Assert.Equal(1, total);
        Assert.Equal("A Newer Paper", papers.Single().Title);
        Assert.Equal(98, all);
    }
}
