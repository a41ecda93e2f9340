using System.Text;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newsletter.Delivery;
using Newsletter.Subscriptions;

namespace Newsletter.Tests.Subscriptions;

/// <summary>
/// On PostgreSQL a large import refreshes the planner's statistics of the subscriber tables at once: without them,
/// a run started right after it scanned subscriber_keywords whole for every batch of subscriber ids.
/// </summary>
public class SubscriberImportStatisticsTests
{
    [Theory]
    [InlineData(10_000, true)]
    [InlineData(100, false)]
    public async Task A_large_import_on_PostgreSQL_analyzes_the_subscriber_tables(int subscribers, bool analyzed)
    {
        using var test = await TestDatabase.CreateAsync("postgres");
        var importer = new SubscriberImporter(test.Database, new OutboxStore(test.Database),
            new Newsletter.Privacy.SuppressionList(new TokenSigningKey(new byte[32])), new DeliverySignal(),
            Options.Create(new NewsletterOptions()), TimeProvider.System, NullLogger<SubscriberImporter>.Instance);
        var csv = "email,keywords,cadence\n" + string.Join("\n", Enumerable.Range(0, subscribers).Select(i => $"reader{i}@example.org,SAM;diffusion,daily"));

        var result = await importer.ImportAsync(Encoding.UTF8.GetBytes(csv), confirmed: true);

        Assert.Equal(subscribers, result.Imported);
        await using var connection = await test.Database.OpenAsync();
        // last_analyze records a manual ANALYZE only (autovacuum's own is last_autoanalyze).
        var analyzedTables = await connection.QueryAsync<string>(
            "SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL AND relname IN ('subscribers', 'subscriber_keywords') ORDER BY relname");
        Assert.Equal(analyzed ? ["subscriber_keywords", "subscribers"] : Array.Empty<string>(), analyzedTables);
    }
}
