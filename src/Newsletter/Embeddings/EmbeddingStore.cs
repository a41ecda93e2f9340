using System.Data.Common;
using System.Runtime.InteropServices;
using System.Text.Json;
using Dapper;
using Newsletter.Data;

namespace Newsletter.Embeddings;

/// <summary>The stored vectors: which papers still need one, saving them, and reading a window's worth.</summary>
public sealed class EmbeddingStore(IDatabase database, TimeProvider clock)
{
    /// <summary>A paper to embed and the text the model reads: its title, then its abstract.</summary>
    public sealed record Pending(long Id, string Text);

    /// <summary>Up to <paramref name="limit"/> papers with no vector from the current model, newest first.</summary>
    public async Task<IReadOnlyList<Pending>> PendingAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string Title, string Abstract)>("""
            SELECT p.id, p.title, p.abstract FROM papers p
            LEFT JOIN paper_embeddings e ON e.paper_id = p.id AND e.model = @model
            WHERE e.paper_id IS NULL
            ORDER BY p.id DESC LIMIT @limit
            """, new { model = SentenceEmbedder.ModelName, limit });
        return rows.Select(r => new Pending(r.Id, TextOf(r.Title, r.Abstract))).ToList();
    }

    /// <summary>How many papers there are, and how many have a vector from the current model.</summary>
    public async Task<(long Papers, long Embedded)> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync<(long, long)>(
            "SELECT (SELECT COUNT(*) FROM papers), (SELECT COUNT(*) FROM paper_embeddings WHERE model = @model)",
            new { model = SentenceEmbedder.ModelName });
    }

    public async Task SaveAsync(IReadOnlyList<(long PaperId, float[] Vector)> vectors, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // A paper deleted meanwhile is skipped (the foreign key would refuse it); another instance's vector stays.
        await connection.ExecuteAsync("""
            INSERT INTO paper_embeddings (paper_id, model, vector, created_at)
            SELECT @paperId, @model, @vector, @now WHERE EXISTS (SELECT 1 FROM papers WHERE id = @paperId)
            ON CONFLICT (paper_id) DO UPDATE SET model = excluded.model, vector = excluded.vector, created_at = excluded.created_at
            """, vectors.Select(v => new { paperId = v.PaperId, model = SentenceEmbedder.ModelName, vector = ToBytes(v.Vector), now }), transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The current model's vectors of these papers; papers without one are absent.</summary>
    public static async Task<Dictionary<long, float[]>> LoadAsync(
        DbConnection connection, IReadOnlyCollection<long> paperIds, DbTransaction? transaction = null)
    {
        var vectors = new Dictionary<long, float[]>(paperIds.Count);
        if (paperIds.Count == 0)
        {
            return vectors;
        }

        var rows = await connection.QueryAsync<(long PaperId, byte[] Vector)>(
            $"SELECT paper_id, vector FROM paper_embeddings WHERE model = @model AND paper_id IN ({connection.Dialect().Ids("@ids")})",
            new { model = SentenceEmbedder.ModelName, ids = JsonSerializer.Serialize(paperIds) }, transaction);
        foreach (var (paperId, bytes) in rows)
        {
            if (bytes.Length == SentenceEmbedder.Dimensions * sizeof(float))
            {
                vectors[paperId] = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
            }
        }

        return vectors;
    }

    /// <summary>What the model reads of a paper: the title, then the abstract (the model cuts it at 256 tokens).</summary>
    public static string TextOf(string title, string? @abstract) =>
        string.IsNullOrWhiteSpace(@abstract) ? title : $"{title}. {@abstract}";

    private static byte[] ToBytes(float[] vector) => MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();
}
