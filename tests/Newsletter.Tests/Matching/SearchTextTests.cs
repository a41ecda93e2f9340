using Newsletter.Matching;

namespace Newsletter.Tests.Matching;

public class SearchTextTests
{
    [Theory]
    [InlineData("TinySAM", "Tiny SAM")]
    [InlineData("MobileSAMv2", "Mobile SAM v 2")]
    [InlineData("ESP-MedSAM", "Med SAM")]
    [InlineData("SAM2", "SAM 2")]
    [InlineData("XMLParser", "XML Parser")]
    [InlineData("LLMs", "LLM s")]
    [InlineData("Shampoo same sample SAM", "")]
    [InlineData("plain words only", "")]
    public void Compound_words_give_their_parts_and_plain_words_nothing(string text, string parts) =>
        Assert.Equal(parts, SearchText.CompoundParts(text));

    [Fact]
    public void Keys_are_lower_case_words_whatever_the_punctuation() =>
        Assert.Equal("self supervised learning", SearchText.Key("  Self-Supervised: learning!! "));

    [Theory]
    [InlineData("we use a sparse Mixture-of-Experts (MoE) layer", "moe", "mixture of expert")]
    [InlineData("most large language models (LLMs) are", "llm", "large language model")]
    [InlineData("The Segment Anything Model (SAM) is", "sam", "segment anything model")]
    [InlineData("Multimodal Large Language Model (MLLM)", "mllm", "multimodal large language model")]
    public void Acronym_definitions_are_learned_from_the_text(string text, string acronym, string expansion) =>
        Assert.Contains(new AcronymDefinitions.Definition(acronym, expansion), AcronymDefinitions.Find(text));

    [Theory]
    [InlineData("results (see Table 2) show")]
    [InlineData("our method (Ours) wins")]
    [InlineData("a value (p) of")]
    [InlineData("a random phrase (XYZ)")]
    public void Parentheses_that_do_not_define_an_acronym_teach_nothing(string text) =>
        Assert.Empty(AcronymDefinitions.Find(text));
}
