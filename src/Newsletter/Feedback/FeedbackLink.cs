using Newsletter.Subscriptions;

namespace Newsletter.Feedback;

/// <summary>
/// What a valid feedback link names: whose it is, which paper, which direction; and the subscriber's current vote
/// on that paper (in either direction), or null when there is none.
/// </summary>
public sealed record FeedbackLink(Subscriber Subscriber, FeedbackPaper Paper, VoteDirection Direction, RecordedVote? Current)
{
    /// <summary>True when the vote this link asks for is the one stored.</summary>
    public bool IsRecorded => Current?.Direction == Direction;
}
