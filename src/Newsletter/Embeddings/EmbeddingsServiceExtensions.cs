using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Newsletter.Embeddings;

/// <summary>Registers the semantic index: the model (loaded on first use), the vector store and, where background work runs, the worker.</summary>
public static class EmbeddingsServiceExtensions
{
    public static IHostApplicationBuilder AddEmbeddings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SemanticOptions>().BindConfiguration(SemanticOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(services => new SentenceEmbedder(
            Path.Combine(services.GetRequiredService<IOptions<NewsletterOptions>>().Value.DataPath, "models"), threads: 1));
        builder.Services.AddSingleton<EmbeddingStore>();
        var enabled = builder.Configuration.GetValue($"{SemanticOptions.Section}:Enabled", true);
        if (enabled && builder.Configuration.RunsBackgroundWork())
        {
            builder.Services.AddHostedService<PaperEmbeddingWorker>();
        }

        return builder;
    }
}
