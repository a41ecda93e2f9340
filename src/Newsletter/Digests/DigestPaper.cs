namespace Newsletter.Digests;

/// <summary>
/// One paper of a digest, as stored in <c>digests.papers</c>: ranked, scored, with the keywords that matched it by
/// their words and those it is related to by meaning only (absent in digests stored before meaning was matched).
/// </summary>
/// <param name="SimilarToLiked">True for a paper of the "Related to papers you liked" section: it matches no keyword.</param>
public sealed record DigestPaper(long Id, int Score, IReadOnlyList<string> Matched, IReadOnlyList<string>? Related = null, bool? SimilarToLiked = null);
