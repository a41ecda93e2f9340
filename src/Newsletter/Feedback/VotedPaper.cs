namespace Newsletter.Feedback;

/// <summary>A paper a subscriber voted on, with the vote.</summary>
public sealed record VotedPaper(FeedbackPaper Paper, VoteDirection Direction, DateTime At);
