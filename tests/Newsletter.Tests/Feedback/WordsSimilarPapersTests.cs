using Dapper;
using Microsoft.Extensions.Options;
using Newsletter.Feedback;
using Newsletter.Matching;
using Newsletter.Papers;

namespace Newsletter.Tests.Feedback;

public sealed class WordsSimilarPapersTestsOnSqlite() : WordsSimilarPapersTests("sqlite");

public sealed class WordsSimilarPapersTestsOnPostgres() : WordsSimilarPapersTests("postgres");

/// <summary>The default similar papers, by title words, on the 97 sample papers: the same answers on both databases.</summary>
public abstract class WordsSimilarPapersTests(string dialect) : IAsyncLifetime
{
    private TestDatabase test = default!;
    private WordsSimilarPapers similar = default!;

    public async Task InitializeAsync()
    {
        test = await TestDatabase.CreateAsync(dialect);
        await new PaperImporter(new PaperStore(test.Database, TimeProvider.System), TimeProvider.System)
            .ImportAsync(Fixture.Paper("daily-papers-sample.txt"), PaperFormat.Text);
        similar = new WordsSimilarPapers(test.Database, Newsletter.Tests.Matching.WordsOnly.Matcher());
    }

    public Task DisposeAsync()
    {
        test.Dispose();
        return Task.CompletedTask;
    }

    private async Task<long> PaperAsync(string title)
    {
        await using var connection = await test.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM papers WHERE title = @title", new { title });
    }

    [Fact]
    public async Task Papers_like_a_Segment_Anything_paper_are_other_Segment_Anything_papers_never_itself()
    {
        const string tinySam = "TinySAM: Pushing the Envelope for Efficient Segment Anything Model";
        var found = await similar.FindAsync(await PaperAsync(tinySam), 5, CancellationToken.None);

        Assert.Equal(5, found.Count);
        Assert.DoesNotContain(tinySam, found.Select(p => p.Title));
        Assert.All(found, p => Assert.Contains(p.Title, Fixture.SegmentAnythingTitles));
        Assert.All(found, p => Assert.StartsWith("https://", p.Url));
        Assert.Equal(found.Count, found.Select(p => p.PaperId).Distinct().Count());
    }

    [Fact]
    public async Task Papers_like_a_machine_unlearning_paper_are_about_unlearning()
    {
        var found = await similar.FindAsync(await PaperAsync("Model Sparsity Can Simplify Machine Unlearning"), 3, CancellationToken.None);

        Assert.Equal(3, found.Count);
        Assert.All(found, p => Assert.Contains("unlearn", p.Title, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_unknown_paper_or_a_count_of_zero_finds_nothing()
    {
        Assert.Empty(await similar.FindAsync(999_999, 5, CancellationToken.None));
        Assert.Empty(await similar.FindAsync(await PaperAsync("0.1% Data Makes Segment Anything Slim"), 0, CancellationToken.None));
    }

    [Fact]
    public void Title_words_leave_out_stopwords_and_numbers_and_split_compounds()
    {
        Assert.Equal(["tinysam", "pushing", "envelope", "efficient", "segment", "anything", "model", "tiny", "sam"],
            WordsSimilarPapers.Words("TinySAM: Pushing the Envelope for Efficient Segment Anything Model"));
        Assert.Equal(["3d", "gaussians", "rl"], WordsSimilarPapers.Words("3D Gaussians in 2024 with RL"));
    }
}
