namespace Newsletter.Feedback;

/// <summary>
/// Papers like a given one, shown on the feedback page once a vote is recorded. <see cref="WordsSimilarPapers"/>
/// is the default; an implementation on embeddings replaces it through dependency injection (see
/// <see cref="FeedbackServiceExtensions.AddFeedback"/>) without the page changing.
/// </summary>
public interface ISimilarPapers
{
    /// <summary>
    /// Up to <paramref name="count"/> papers most like paper <paramref name="paperId"/>, most alike first. Never
    /// the paper itself; empty for an unknown paper or when nothing is alike. Reads only; safe to call concurrently.
    /// </summary>
    Task<IReadOnlyList<SimilarPaper>> FindAsync(long paperId, int count, CancellationToken cancellationToken);
}
