namespace Newsletter.Feedback;

/// <summary>A subscriber's vote on one paper as stored: its direction and when that direction was chosen (UTC).</summary>
public sealed record RecordedVote(long PaperId, VoteDirection Direction, DateTime At)
{
    /// <summary><c>more</c> or <c>less</c>: the stored value, and what the JSON answers and the data export say.</summary>
    public string Text => VoteStore.Text(Direction);
}
