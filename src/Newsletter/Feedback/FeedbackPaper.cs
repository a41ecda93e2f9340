namespace Newsletter.Feedback;

/// <summary>A paper as the feedback pages show it.</summary>
/// <param name="Id">The internal id (what tokens and votes name).</param>
/// <param name="PublicId">The arXiv id when known, else the stable key: what the JSON answers and the data export show.</param>
/// <param name="Url">Where its title links to (<see cref="Papers.Paper.PrimaryUrl"/>).</param>
public sealed record FeedbackPaper(long Id, string PublicId, string Title, string Url);
