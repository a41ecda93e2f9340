using System.Numerics.Tensors;
using Dapper;
using Newsletter.Data;
using Newsletter.Embeddings;

namespace Newsletter.Feedback;

/// <summary>
/// Similar papers by meaning: the papers whose embedding is closest to this one's, among the latest
/// <see cref="Window"/> papers. A paper with no vector yet falls back to the words (<see cref="WordsSimilarPapers"/>).
/// </summary>
public sealed class EmbeddingSimilarPapers(IDatabase database, WordsSimilarPapers words) : ISimilarPapers
{
    /// <summary>Candidates are the latest papers by id, at most this many (a page view reads their vectors).</summary>
    public const int Window = 5_000;

    public async Task<IReadOnlyList<SimilarPaper>> FindAsync(long paperId, int count, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var own = await EmbeddingStore.LoadAsync(connection, [paperId]);
        if (!own.TryGetValue(paperId, out var vector) || count <= 0)
        {
            return await words.FindAsync(paperId, count, cancellationToken);
        }

        var candidates = (await connection.QueryAsync<long>(
            "SELECT id FROM papers WHERE id <> @paperId ORDER BY id DESC LIMIT @window", new { paperId, window = Window })).ToList();
        var vectors = await EmbeddingStore.LoadAsync(connection, candidates);
        var best = vectors.Select(v => (Id: v.Key, Similarity: TensorPrimitives.Dot(v.Value, vector)))
            .OrderByDescending(v => v.Similarity).ThenByDescending(v => v.Id).Take(count).Select(v => v.Id).ToList();
        var papers = await FeedbackPapers.ReadAsync(connection, best);
        return best.Where(papers.ContainsKey).Select(id => new SimilarPaper(id, papers[id].Title, papers[id].Url)).ToList();
    }
}
