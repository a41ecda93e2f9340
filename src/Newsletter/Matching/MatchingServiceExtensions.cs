using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Newsletter.Matching;

/// <summary>Registers keyword matching and the preview.</summary>
public static class MatchingServiceExtensions
{
    public static IHostApplicationBuilder AddMatching(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MatchingOptions>().BindConfiguration(MatchingOptions.Section);
        builder.Services.AddSingleton<SynonymBook>();
        builder.Services.AddSingleton<SemanticMatcher>();
        builder.Services.AddSingleton<KeywordMatcher>();
        builder.Services.AddSingleton<PaperPreview>();
        builder.Services.AddSingleton<KeywordSuggestions>();
        return builder;
    }
}
