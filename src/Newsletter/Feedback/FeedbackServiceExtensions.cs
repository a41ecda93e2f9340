using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Newsletter.Feedback;

/// <summary>Registers votes ("more/less like this") and the similar papers the feedback page shows.</summary>
public static class FeedbackServiceExtensions
{
    /// <summary>
    /// Adds <see cref="FeedbackService"/> and <see cref="VoteStore"/>, and <see cref="WordsSimilarPapers"/> as
    /// <see cref="ISimilarPapers"/> unless one is registered already. Another implementation (embeddings, say)
    /// replaces it by being registered before this, or anywhere after it with <c>AddSingleton</c>.
    /// </summary>
    public static IHostApplicationBuilder AddFeedback(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<VoteStore>();
        builder.Services.AddSingleton<FeedbackService>();
        builder.Services.AddSingleton<WordsSimilarPapers>();
        if (builder.Configuration.GetValue($"{Embeddings.SemanticOptions.Section}:Enabled", true))
        {
            builder.Services.TryAddSingleton<ISimilarPapers, EmbeddingSimilarPapers>();
        }

        builder.Services.TryAddSingleton<ISimilarPapers>(services => services.GetRequiredService<WordsSimilarPapers>());
        return builder;
    }
}
