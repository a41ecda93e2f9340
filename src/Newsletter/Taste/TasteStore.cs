using System.Data.Common;
using Dapper;
using Newsletter.Embeddings;

namespace Newsletter.Taste;

/// <summary>Reads what a batch's readers voted, as vectors, for those who let their votes count ("Learn from my votes").</summary>
public static class TasteStore
{
    /// <summary>Each subscriber of the run's batch with votes and learning on, with the vectors of the papers they voted on.</summary>
    public static async Task<Dictionary<long, ReaderTaste>> LoadAsync(DbConnection connection, DbTransaction? transaction, long runId, int batch)
    {
        var votes = (await connection.QueryAsync<(long SubscriberId, long PaperId, string Vote)>("""
            SELECT v.subscriber_id, v.paper_id, v.vote FROM votes v
            JOIN digest_run_subscribers t ON t.subscriber_id = v.subscriber_id AND t.run_id = @runId AND t.batch = @batch
            JOIN subscribers s ON s.id = v.subscriber_id AND s.learn_from_votes = 1
            """, new { runId, batch }, transaction)).ToList();
        if (votes.Count == 0)
        {
            return [];
        }

        var vectors = await EmbeddingStore.LoadAsync(connection, votes.Select(v => v.PaperId).Distinct().ToList(), transaction);
        return votes.Where(v => vectors.ContainsKey(v.PaperId)).GroupBy(v => v.SubscriberId).ToDictionary(
            g => g.Key,
            g => new ReaderTaste(
                g.Where(v => v.Vote == "more").Select(v => vectors[v.PaperId]).ToList(),
                g.Where(v => v.Vote == "less").Select(v => vectors[v.PaperId]).ToList())
            {
                Voted = g.Select(v => v.PaperId).ToHashSet(),
            });
    }
}
