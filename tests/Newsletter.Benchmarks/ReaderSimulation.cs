using Microsoft.Extensions.DependencyInjection;
using Newsletter.Data;
using Newsletter.Embeddings;
using Newsletter.Matching;
using Newsletter.Taste;

namespace Newsletter.Benchmarks;

/// <summary>
/// Simulated readers, one per labelled keyword: each subscribes with that keyword and has its labelled set as a
/// hidden topic, receives a daily digest of the listings in order, and votes on every paper that arrives: "more"
/// when on its topic, "less" otherwise. Precision@10 of each day's digest, with the product's re-ranking by votes
/// and without any votes, averaged over the readers that got papers that day.
/// </summary>
public static class ReaderSimulation
{
    /// <summary>Papers per digest (Digests:MaxPapers' default); precision is read at the top 10.</summary>
    public const int DigestSize = 20;
    public const int TopN = 10;
    public const int RelatedPapers = 3;

    public static async Task RunAsync(BenchmarkHost host, RelevanceData data)
    {
        var matcher = host.Services.GetRequiredService<KeywordMatcher>();
        await using var connection = await host.Services.GetRequiredService<IDatabase>().OpenAsync();
        var vectors = await EmbeddingStore.LoadAsync(connection, data.Titles.Keys.ToList());
        var readers = data.Keywords.Select(k => (Keyword: k.Text, Query: KeywordQuery.Parse(k.Text), Liked: new List<float[]>(), Disliked: new List<float[]>())).ToList();

        Console.WriteLine();
        Console.WriteLine("simulated readers (one per keyword; precision@10 of each day's digest)");
        Console.WriteLine($"{"day",-4} {"listing",-34} {"readers",7} {"no votes",9} {"with votes",11} {"votes so far",13}");
        foreach (var (day, index) in data.Days.Select((d, i) => (d, i)))
        {
            var matches = await matcher.MatchAsync(connection, readers.Select(r => r.Query).ToList(), day.Start, day.End);
            var plain = new List<double>();
            var learned = new List<double>();
            foreach (var reader in readers)
            {
                var ranked = PaperRanker.Rank([reader.Query], matches, _ => 0, _ => true, int.MaxValue);
                if (ranked.Count == 0)
                {
                    continue;
                }

                var relevant = data.Relevant[reader.Keyword];
                var baseline = ranked.Take(DigestSize).Select(p => p.PaperId).ToList();
                var taste = new ReaderTaste(reader.Liked, reader.Disliked);
                var main = taste.Rerank(ranked, vectors, DigestSize).Select(p => p.PaperId).ToList();
                // The digest's own section of papers that match no keyword but sit close to liked ones.
                var inDay = day.Papers.Where(vectors.ContainsKey).ToDictionary(id => id, id => vectors[id]);
                var matched = ranked.Select(p => p.PaperId).ToHashSet();
                var digest = main.Concat(taste.RelatedToLiked(inDay, matched.Contains, RelatedPapers)).ToList();
                if (digest.Count == 0)
                {
                    continue;
                }

                plain.Add(baseline.Take(TopN).Count(relevant.Contains) / (double)Math.Min(TopN, baseline.Count));
                learned.Add(digest.Take(TopN).Count(relevant.Contains) / (double)Math.Min(TopN, digest.Count));
                foreach (var paper in digest.Where(vectors.ContainsKey))
                {
                    (relevant.Contains(paper) ? reader.Liked : reader.Disliked).Add(vectors[paper]);
                }
            }

            Console.WriteLine($"{index + 1,-4} {day.File,-34} {plain.Count,7} {plain.DefaultIfEmpty().Average(),9:0.000} {learned.DefaultIfEmpty().Average(),11:0.000} " +
                $"{readers.Sum(r => r.Liked.Count + r.Disliked.Count),13}");
        }
    }
}
