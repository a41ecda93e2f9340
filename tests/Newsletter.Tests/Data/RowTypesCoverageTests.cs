using System.Text.RegularExpressions;

namespace Newsletter.Tests.Data;

/// <summary>
/// Every record or class that a Dapper query in src/ materialises is read in a test on both databases. The
/// integration suite runs twice (SQLite, then PostgreSQL) and the unit test classes named here run on both, so
/// this list names, for each row type, a test class that reads it. A new row type fails this test until it
/// has one: the schedule's Candidate record once failed on both databases while no test ever read it.
/// </summary>
public partial class RowTypesCoverageTests
{
    private static readonly Dictionary<string, string> CoveredBy = new()
    {
        ["Candidate"] = "Newsletter.IntegrationTests/Digests/ScheduledDigestTests.cs",
        ["Target"] = "Newsletter.IntegrationTests/Digests/DigestRunTests.cs",
        ["DigestRun"] = "Newsletter.IntegrationTests/Digests/DigestRunTests.cs",
        ["PaperRow"] = "Newsletter.Tests/Papers/PaperStoreTests.cs",
        ["OutboxMessage"] = "Newsletter.IntegrationTests/Digests/DigestRunTests.cs",
        ["Subscriber"] = "Newsletter.IntegrationTests/Subscriptions/SubscriptionLifecycleTests.cs",
        ["JobOutcome"] = "Newsletter.IntegrationTests/Digests/ScheduleHealthTests.cs",
    };

    private static readonly HashSet<string> Scalars = ["long", "int", "string", "bool", "DateTime", "DateOnly", "double", "byte"];

    [Fact]
    public void Every_row_type_read_by_Dapper_is_read_by_a_test_on_both_databases()
    {
        var root = RepositoryRoot();
        var rowTypes = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => DapperRowType().Matches(File.ReadAllText(path)).Select(m => m.Groups["type"].Value))
            .Where(type => !Scalars.Contains(type.TrimEnd('?')))
            .ToHashSet();

        Assert.Equal(CoveredBy.Keys.Order(), rowTypes.Order());
        Assert.All(CoveredBy.Values, test => Assert.True(File.Exists(Path.Combine(root, "tests", test)), test));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Newsletter.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run from within the repository.");
    }

    // Query<T>, QueryAsync<T>, QuerySingleOrDefaultAsync<T>, QueryFirstOrDefaultAsync<T>, …: a named type, not a tuple.
    [GeneratedRegex(@"\.Query\w*<(?<type>[A-Za-z_][\w?]*)>\(")]
    private static partial Regex DapperRowType();
}
