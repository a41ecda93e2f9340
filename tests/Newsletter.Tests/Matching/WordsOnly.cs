using Microsoft.Extensions.Options;
using Newsletter.Embeddings;
using Newsletter.Matching;

namespace Newsletter.Tests.Matching;

/// <summary>A keyword matcher with the semantic side switched off: what these tests check is the words' semantics.</summary>
public static class WordsOnly
{
    public static KeywordMatcher Matcher(Dictionary<string, string[]>? synonyms = null) =>
        new(new SynonymBook(Options.Create(new MatchingOptions { Synonyms = synonyms ?? [] })),
            new SemanticMatcher(new SentenceEmbedder(Path.GetTempPath()), Options.Create(new SemanticOptions { Enabled = false })));
}
