using System.ComponentModel.DataAnnotations;

namespace Newsletter.Embeddings;

/// <summary>The <c>Matching:Semantic</c> configuration section: matching by meaning as well as by words.</summary>
public sealed class SemanticOptions
{
    public const string Section = "Matching:Semantic";

    /// <summary>Embed papers and match keywords by meaning. Off: words only, and the model is never loaded.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How far above the window's typical paper a paper must score to match a keyword by meaning, in standard
    /// deviations of that keyword's scores over the window (each keyword's scores sit at their own level); its
    /// cosine must also reach 0.35. Calibrated on the labelled listings (see the README); higher is stricter.
    /// </summary>
    [Range(0.5, 10)]
    public double Threshold { get; set; } = 2.0;

    /// <summary>Papers embedded per model call in the background (padding makes larger batches slower per paper).</summary>
    [Range(1, 256)]
    public int BatchSize { get; set; } = 4;
}
