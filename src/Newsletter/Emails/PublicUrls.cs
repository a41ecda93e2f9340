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
}
