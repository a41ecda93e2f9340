namespace Newsletter.Papers;

/// <summary>What a source file or response held: the papers it could read, and the entries it skipped and why.</summary>
public sealed record PaperBatch(IReadOnlyList<IncomingPaper> Papers, IReadOnlyList<string> Errors)
{
    public static readonly PaperBatch Empty = new([], []);
}
