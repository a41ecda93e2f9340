using System.Text;
using Newsletter.Data;
using Newsletter.Papers;
using Newsletter.Papers.Sources;

namespace Newsletter.Benchmarks;

/// <summary>Seeds papers made from the sample's own text, and subscribers with keywords from a realistic vocabulary.</summary>
public static class BenchmarkData
{
    /// <summary>What researchers type: topics, acronyms, phrases, and a few exclusions.</summary>
    public static readonly string[] Vocabulary =
    [
        "diffusion", "SAM", "segment anything", "mixture of experts", "MoE", "LLM", "large language model", "pruning",
        "quantization", "distillation", "self-supervised", "contrastive learning", "reinforcement learning", "RLHF",
        "vision transformer", "ViT", "super-resolution", "image generation", "text-to-image", "video generation",
        "3D", "NeRF", "gaussian splatting", "robotics", "speech", "audio", "retrieval", "RAG", "benchmark", "agents",
        "multimodal", "MLLM", "instruction tuning", "alignment", "hallucination", "reasoning", "code generation",
        "medical", "segmentation", "object detection", "tracking", "depth estimation", "pose estimation", "unlearning",
        "sparsity", "efficient inference", "mobile", "edge devices", "federated learning", "privacy", "graph neural network",
        "time series", "recommendation", "knowledge distillation", "low-rank", "LoRA", "fine-tuning", "prompt",
        "in-context learning", "chain of thought", "tokenizer", "embedding", "sentence embedding", "transformer",
        "attention", "state space model", "Mamba", "optimizer", "scaling laws", "data selection", "synthetic data",
        "evaluation", "-survey", "-medical", "camouflaged", "zero-shot", "few-shot", "open vocabulary", "CLIP",
        "autonomous driving", "point cloud", "human motion", "face", "anti-spoofing", "watermarking", "safety",
    ];

    /// <summary>Papers made from the sample's titles and abstracts, each title made unique.</summary>
    public static PaperBatch Papers(int count)
    {
        var sample = DailyPapersTextParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "daily-papers-sample.txt")),
            DateOnly.FromDateTime(DateTime.UtcNow)).Papers;
        var random = new Random(42);
        var papers = Enumerable.Range(0, count).Select(i =>
        {
            var source = sample[i % sample.Count];
            var sentences = source.Abstract!.Split(". ").OrderBy(_ => random.Next()).ToArray();
            return source with
            {
                Source = "benchmark",
                ArxivId = $"2999.{i:D5}",
                Title = i < sample.Count ? source.Title : $"{source.Title} (variant {i / sample.Count})",
                Abstract = string.Join(". ", sentences),
                Upvotes = random.Next(0, 200),
                FeedDate = DateOnly.FromDateTime(DateTime.UtcNow),
            };
        }).ToList();
        return new PaperBatch(papers, []);
    }

    /// <summary>Inserts active subscribers with 1–5 keywords each, in one transaction with prepared commands.</summary>
    public static async Task SubscribersAsync(IDatabase database, int count, DateTime confirmedAt)
    {
        var random = new Random(7);
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var subscriber = connection.CreateCommand(transaction, """
            INSERT INTO subscribers (email, email_normalized, status, cadence, send_hour, time_zone, token_nonce, created_at, updated_at, confirmed_at)
            VALUES (@email, @email, 'active', 'daily', 7, 'UTC', 'bench', @at, @at, @at) RETURNING id
            """);
        var email = subscriber.AddParameter("@email");
        subscriber.AddParameter("@at", UtcDateTimeHandler.ToText(confirmedAt));
        await using var keyword = connection.CreateCommand(transaction,
            "INSERT INTO subscriber_keywords (subscriber_id, position, keyword) VALUES (@id, @position, @keyword)");
        var id = keyword.AddParameter("@id");
        var position = keyword.AddParameter("@position");
        var text = keyword.AddParameter("@keyword");
        for (var i = 0; i < count; i++)
        {
            email.Value = $"reader{i}@bench.example.org";
            id.Value = (long)(await subscriber.ExecuteScalarAsync())!;
            var keywords = Vocabulary.OrderBy(_ => random.Next()).Take(random.Next(1, 6)).ToArray();
            for (var k = 0; k < keywords.Length; k++)
            {
                position.Value = k;
                text.Value = keywords[k];
                await keyword.ExecuteNonQueryAsync();
            }
        }

        await transaction.CommitAsync();
    }
}
