namespace Newsletter.Feedback;

/// <summary>What a reader said about a paper: "more like this" or "less like this". Stored as <c>more</c> or <c>less</c>.</summary>
public enum VoteDirection
{
    More = 1,
    Less = 2,
}
