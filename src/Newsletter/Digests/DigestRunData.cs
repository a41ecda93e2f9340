using System.Collections.Concurrent;
using Dapper;
using Newsletter.Data;
using Newsletter.Matching;

namespace Newsletter.Digests;

/// <summary>
/// A run's match sets and the facts about the papers in them, loaded once per process per run and shared by
/// all its batches (a few recent runs are kept).
/// </summary>
public sealed class DigestRunData(IDatabase database)
{
    public sealed record PaperFacts(int Upvotes, DateTime FirstSeenAt);

    public sealed record Data(IReadOnlyDictionary<string, KeywordMatches> Matches, IReadOnlyDictionary<long, PaperFacts> Papers, DateTime EarliestPaper);

    private readonly ConcurrentDictionary<long, Lazy<Task<Data>>> runs = new();

    public Task<Data> GetAsync(long runId)
    {
        if (runs.Count > 8)
        {
            foreach (var old in runs.Keys.Order().Take(runs.Count - 4))
            {
                runs.TryRemove(old, out _);
            }
        }

        return runs.GetOrAdd(runId, id => new Lazy<Task<Data>>(() => LoadAsync(id))).Value;
    }

    private async Task<Data> LoadAsync(long runId)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<(string Keyword, long PaperId, bool InTitle, bool Related)>(
            "SELECT keyword, paper_id, in_title, related FROM digest_run_matches WHERE run_id = @runId", new { runId });
        var matches = rows.GroupBy(r => r.Keyword).ToDictionary(
            g => g.Key,
            g => new KeywordMatches(KeywordQuery.Parse(g.Key), g.Where(r => !r.Related).ToDictionary(r => r.PaperId, r => r.InTitle))
            {
                Related = g.Where(r => r.Related).ToDictionary(r => r.PaperId, _ => 0f),
            });
        var papers = (await connection.QueryAsync<(long Id, int Upvotes, DateTime FirstSeenAt)>("""
                SELECT id, COALESCE(upvotes, 0), first_seen_at FROM papers
                WHERE id IN (SELECT DISTINCT paper_id FROM digest_run_matches WHERE run_id = @runId)
                """, new { runId }))
            .ToDictionary(p => p.Id, p => new PaperFacts(p.Upvotes, p.FirstSeenAt));
        return new Data(matches, papers, papers.Count == 0 ? DateTime.MaxValue : papers.Values.Min(p => p.FirstSeenAt));
    }
}
