namespace Newsletter.Feedback;

/// <summary>A paper like another one, as the feedback page lists it.</summary>
/// <param name="PaperId">The internal id, for the page's own "more/less like this" links.</param>
/// <param name="Url">Where its title links to (<see cref="Papers.Paper.PrimaryUrl"/>).</param>
public sealed record SimilarPaper(long PaperId, string Title, string Url);
