using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsletter.Data;
using Newsletter.Embeddings;
using Newsletter.Matching;

namespace Newsletter.Benchmarks;

/// <summary>
/// Precision, recall and F1 per keyword of the labelled listings, for words alone and for words with meaning,
/// each listing its own day (a digest's window). <c>--explore</c> also prints a grid of the semantic knobs, each
/// chosen on one half of the listings and scored on the other.
/// </summary>
public static class RelevanceBenchmark
{
    public sealed record Score(int TruePositives, int FalsePositives, int FalseNegatives)
    {
        public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);
        public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
        public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
        public static Score operator +(Score a, Score b) => new(a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives, a.FalseNegatives + b.FalseNegatives);
    }

    public static readonly SemanticMatcher.Tuning WordsAlone = new(double.PositiveInfinity, 1, int.MaxValue);

    public static async Task<int> RunAsync(string[] args)
    {
        var clock = new DayClock();
        await using var host = await BenchmarkHost.StartAsync(services => services.AddSingleton<TimeProvider>(clock));
        var data = await RelevanceData.LoadAsync(host, clock);
        Console.WriteLine($"papers: {data.Titles.Count} in {data.Days.Count} listings; keywords: {data.Keywords.Count}");
        Console.WriteLine($"embedding: {data.EmbedPapersPerSecond:N1} papers/s wall, {data.EmbedPapersPerCpuSecond:N1} papers per CPU-second (one thread); " +
            $"working set {data.WorkingSetBeforeModel / 1e6:N0} MB before the model, peak {data.PeakWorkingSet / 1e6:N0} MB");

        var configured = SemanticMatcher.Tuning.Default(host.Services.GetRequiredService<IOptions<SemanticOptions>>().Value);
        var words = await ScoreAsync(host, data, WordsAlone, data.Days);
        var combined = await ScoreAsync(host, data, configured, data.Days);
        PrintTable(data, words, combined);
        await ReaderSimulation.RunAsync(host, data);

        if (args.Contains("--explore"))
        {
            await ExploreAsync(host, data);
        }

        return 0;
    }

    /// <summary>For each keyword, the summed counts over the given days.</summary>
    public static async Task<Dictionary<string, Score>> ScoreAsync(
        BenchmarkHost host, RelevanceData data, SemanticMatcher.Tuning tuning, IEnumerable<RelevanceData.Day> days)
    {
        var matcher = host.Services.GetRequiredService<KeywordMatcher>();
        var database = host.Services.GetRequiredService<IDatabase>();
        var queries = data.Keywords.Select(k => KeywordQuery.Parse(k.Text)).ToList();
        var scores = data.Keywords.ToDictionary(k => k.Text, _ => new Score(0, 0, 0));
        await using var connection = await database.OpenAsync();
        foreach (var day in days)
        {
            var matches = await matcher.MatchAsync(connection, queries, day.Start, day.End, tuning: tuning);
            var inDay = day.Papers.ToHashSet();
            foreach (var (keyword, query) in data.Keywords.Zip(queries))
            {
                var found = matches[query.Key].All.ToHashSet();
                var relevant = data.Relevant[keyword.Text].Where(inDay.Contains).ToHashSet();
                scores[keyword.Text] += new Score(found.Count(relevant.Contains), found.Count(id => !relevant.Contains(id)), relevant.Count(id => !found.Contains(id)));
            }
        }

        return scores;
    }

    private static void PrintTable(RelevanceData data, Dictionary<string, Score> words, Dictionary<string, Score> combined)
    {
        Console.WriteLine();
        Console.WriteLine($"{"keyword",-24} {"kind",-8} {"relevant",8} | {"words P",7} {"R",5} {"F1",5} | {"combined P",10} {"R",5} {"F1",5}");
        foreach (var keyword in data.Keywords)
        {
            var w = words[keyword.Text];
            var c = combined[keyword.Text];
            Console.WriteLine($"{keyword.Text,-24} {keyword.Kind,-8} {data.Relevant[keyword.Text].Count,8} | {w.Precision,7:0.00} {w.Recall,5:0.00} {w.F1,5:0.00} | {c.Precision,10:0.00} {c.Recall,5:0.00} {c.F1,5:0.00}");
        }

        foreach (var kind in data.Keywords.Select(k => k.Kind).Distinct().Append("all"))
        {
            var keys = data.Keywords.Where(k => kind == "all" || k.Kind == kind).Select(k => k.Text).ToList();
            Console.WriteLine($"{"macro " + kind,-24} {"",-8} {"",8} | {Macro(words, keys, s => s.Precision),7:0.00} {Macro(words, keys, s => s.Recall),5:0.00} {Macro(words, keys, s => s.F1),5:0.00} | " +
                $"{Macro(combined, keys, s => s.Precision),10:0.00} {Macro(combined, keys, s => s.Recall),5:0.00} {Macro(combined, keys, s => s.F1),5:0.00}");
        }
    }

    public static double Macro(Dictionary<string, Score> scores, IEnumerable<string> keys, Func<Score, double> metric) => keys.Average(k => metric(scores[k]));

    /// <summary>A grid of knobs: chosen on one half of the listings, reported on the other (and the reverse).</summary>
    private static async Task ExploreAsync(BenchmarkHost host, RelevanceData data)
    {
        var halves = new[] { data.Days.Where((_, i) => i % 2 == 0).ToList(), data.Days.Where((_, i) => i % 2 == 1).ToList() };
        var grid = (from threshold in new[] { 1.0, 1.5, 2.0, 2.5, 3.0 }
                    from floor in new[] { 0.25, 0.3, 0.35, 0.4, 0.45, 0.5 }
                    select new SemanticMatcher.Tuning(threshold, floor, 20)).ToList();
        var all = data.Keywords.Select(k => k.Text).ToList();
        var results = new List<(SemanticMatcher.Tuning Tuning, double[] F1)>();
        foreach (var tuning in grid)
        {
            var f1 = new double[2];
            for (var h = 0; h < 2; h++)
            {
                f1[h] = Macro(await ScoreAsync(host, data, tuning, halves[h]), all, s => s.F1);
            }

            results.Add((tuning, f1));
        }

        var wordsF1 = new double[2];
        for (var h = 0; h < 2; h++)
        {
            wordsF1[h] = Macro(await ScoreAsync(host, data, WordsAlone, halves[h]), all, s => s.F1);
        }

        Console.WriteLine();
        Console.WriteLine($"explore: words alone macro F1 on halves: {wordsF1[0]:0.000} / {wordsF1[1]:0.000}");
        foreach (var (tuning, f1) in results.OrderByDescending(r => r.F1.Sum()).Take(15))
        {
            Console.WriteLine($"  threshold {tuning.Threshold:0.0} floor {tuning.Floor:0.00}: {f1[0]:0.000} / {f1[1]:0.000}");
        }

        for (var h = 0; h < 2; h++)
        {
            var best = results.MaxBy(r => r.F1[h]);
            Console.WriteLine($"  chosen on half {h}: threshold {best.Tuning.Threshold} floor {best.Tuning.Floor}: " +
                $"{best.F1[h]:0.000} there, {best.F1[1 - h]:0.000} on the other half (words alone {wordsF1[1 - h]:0.000})");
        }
    }
}
