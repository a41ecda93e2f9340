using Dapper;
using Microsoft.Extensions.Options;
using Newsletter.Matching;
using Newsletter.Papers;

namespace Newsletter.Tests.Matching;

/// <summary>The 97 sample papers in a real SQLite database, imported once for a test class.</summary>
public sealed class SamplePapersFixture : IAsyncLifetime
{
    public TestDatabase Test { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Test = await TestDatabase.CreateAsync();
        var importer = new PaperImporter(new PaperStore(Test.Database, TimeProvider.System), TimeProvider.System);
        await importer.ImportAsync(Fixture.Paper("daily-papers-sample.txt"), PaperFormat.Text);
    }

    /// <summary>The titles of the papers <paramref name="keywords"/> match, ranked, as a subscriber would get them.</summary>
    public async Task<List<string>> TitlesAsync(IEnumerable<string> keywords, Dictionary<string, string[]>? synonyms = null)
    {
        var queries = keywords.Select(KeywordQuery.Parse).ToList();
        var matcher = WordsOnly.Matcher(synonyms);
        await using var connection = await Test.Database.OpenAsync();
        var matches = await matcher.MatchAsync(connection, queries, DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(1));
        var titles = (await connection.QueryAsync<(long Id, string Title)>("SELECT id, title FROM papers")).ToDictionary(p => p.Id, p => p.Title);
        return PaperRanker.Rank(queries, matches, _ => 0, _ => true, 1000).Select(r => titles[r.PaperId]).ToList();
    }

    public Task<List<string>> TitlesAsync(params string[] keywords) => TitlesAsync(keywords, null);

    /// <summary>Title and abstract of every sample paper.</summary>
    public async Task<List<(string Title, string Abstract)>> AllAsync()
    {
        await using var connection = await Test.Database.OpenAsync();
        return (await connection.QueryAsync<(string, string)>("SELECT title, abstract FROM papers")).ToList();
    }

    public Task DisposeAsync()
    {
        Test.Dispose();
        return Task.CompletedTask;
    }
}
