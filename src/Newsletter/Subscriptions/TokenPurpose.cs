namespace Newsletter.Subscriptions;

/// <summary>What a link token lets its holder do. A token made for one purpose is refused for any other.</summary>
public enum TokenPurpose : byte
{
    Confirm = 1,
    Manage = 2,
    Unsubscribe = 3,

    /// <summary>"More like this" on one paper (<see cref="SubscriberTokens.CreateForPaper"/>).</summary>
    MoreLikeThis = 4,

    /// <summary>"Less like this" on one paper (<see cref="SubscriberTokens.CreateForPaper"/>).</summary>
    LessLikeThis = 5,
}
