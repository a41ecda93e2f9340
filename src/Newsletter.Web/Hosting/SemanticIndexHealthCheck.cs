using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Newsletter.Embeddings;

namespace Newsletter.Web.Hosting;

/// <summary>
/// How far the semantic index has got: papers, and papers with a vector. Always healthy (a paper without a vector
/// is still matched by its words); the numbers tell an operator, or a test, when meaning has caught up after an import.
/// </summary>
internal sealed class SemanticIndexHealthCheck(EmbeddingStore store, IOptions<SemanticOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
        {
            return HealthCheckResult.Healthy("Matching by meaning is off (Matching:Semantic:Enabled).");
        }

        var (papers, embedded) = await store.CountAsync(cancellationToken);
        return HealthCheckResult.Healthy(data: new Dictionary<string, object>
        {
            ["model"] = SentenceEmbedder.ModelName,
            ["papers"] = papers,
            ["embedded"] = embedded,
        });
    }
}
