namespace Newsletter.Digests;

/// <summary>One paper of a digest, as stored in <c>digests.papers</c>: ranked, scored, with the keywords that matched.</summary>
public sealed record DigestPaper(long Id, int Score, IReadOnlyList<string> Matched);
