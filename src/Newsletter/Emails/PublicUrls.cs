using Microsoft.Extensions.Options;
using Newsletter.Subscriptions;

namespace Newsletter.Emails;

/// <summary>The absolute links that go into emails, built on <c>Newsletter:PublicBaseUrl</c>.</summary>
public sealed class PublicUrls(IOptions<NewsletterOptions> options, SubscriberTokens tokens)
{
    public string BaseUrl => options.Value.PublicBaseUrl!.TrimEnd('/');

    public Uri BaseUri => new(BaseUrl + "/");

    public string Confirm(Subscriber subscriber, DateTimeOffset issuedAt) =>
        $"{BaseUrl}/confirm/{tokens.Create(TokenPurpose.Confirm, subscriber.Id, subscriber.TokenNonce, issuedAt)}";

    public string Manage(Subscriber subscriber) =>
        $"{BaseUrl}/manage/{tokens.Create(TokenPurpose.Manage, subscriber.Id, subscriber.TokenNonce)}";

    public string Unsubscribe(Subscriber subscriber) =>
        $"{BaseUrl}/unsubscribe/{tokens.Create(TokenPurpose.Unsubscribe, subscriber.Id, subscriber.TokenNonce)}";

    /// <summary>The subscriber's "More like this" link for one paper; opening it records nothing until its page posts.</summary>
    public string MoreLikeThis(Subscriber subscriber, long paperId) => Feedback(TokenPurpose.MoreLikeThis, subscriber, paperId);

    /// <summary>The subscriber's "Less like this" link for one paper.</summary>
    public string LessLikeThis(Subscriber subscriber, long paperId) => Feedback(TokenPurpose.LessLikeThis, subscriber, paperId);

    private string Feedback(TokenPurpose purpose, Subscriber subscriber, long paperId) =>
        $"{BaseUrl}/feedback/{tokens.CreateForPaper(purpose, subscriber.Id, paperId, subscriber.TokenNonce)}";
}
