using System.Data.Common;
using Microsoft.Extensions.Options;
using Newsletter.Data;
using Newsletter.Delivery;

namespace Newsletter.Subscriptions;

/// <summary>
/// The double opt-in lifecycle: subscribe → pending (confirmation email) → active → unsubscribed, plus
/// preference changes and erasure. Each operation is one transaction; emails are outbox rows written in
/// that same transaction, so a change and its email are stored together or not at all.
/// </summary>
public sealed class SubscriptionService(
    IDatabase database,
    SubscriberStore subscribers,
    OutboxStore outbox,
    SubscriberTokens tokens,
    Privacy.SuppressionList suppressions,
    DeliverySignal deliverySignal,
    IOptions<NewsletterOptions> options,
    TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Subscribes <paramref name="email"/>. A new, unsubscribed or bounced address becomes pending and gets a
    /// confirmation email; a pending one gets its preferences replaced and a fresh confirmation; an active one
    /// is left unchanged (anyone can type anyone's address) and gets its manage link instead.
    /// </summary>
    public async Task<SubscribeOutcome> SubscribeAsync(string email, SubscriptionPreferences preferences, CancellationToken cancellationToken = default)
    {
        var now = Now;
        SubscribeOutcome outcome;
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var existing = await subscribers.FindStatusByEmailAsync(connection, email, transaction);
            long id;
            if (existing is null)
            {
                id = await subscribers.InsertAsync(connection, transaction, email, preferences, SubscriberStatus.Pending, SubscriberTokens.NewNonce(), now);
                outcome = SubscribeOutcome.Created;
            }
            else if (existing.Value.Status == SubscriberStatus.Active)
            {
                id = existing.Value.Id;
                outcome = SubscribeOutcome.AlreadyActive;
            }
            else
            {
                id = existing.Value.Id;
                await subscribers.UpdatePreferencesAsync(connection, transaction, id, preferences, now);
                await subscribers.SetStatusAsync(connection, transaction, id, SubscriberStatus.Pending, now);
                outcome = existing.Value.Status == SubscriberStatus.Pending ? SubscribeOutcome.PendingRefreshed : SubscribeOutcome.Resubscribed;
            }

            var kind = outcome == SubscribeOutcome.AlreadyActive ? EmailKind.AlreadySubscribed : EmailKind.ConfirmSubscription;
            await EnqueueAsync(connection, transaction, kind, id, existing?.Email ?? email, now);
            await transaction.CommitAsync(cancellationToken);
        }

        deliverySignal.Notify();
        return outcome;
    }

    /// <summary>Confirms the subscriber a confirmation token names. Idempotent; null for an unknown or expired token.</summary>
    public async Task<Subscriber?> ConfirmAsync(string token, CancellationToken cancellationToken = default)
    {
        if (!SubscriberTokens.TryRead(token, TokenPurpose.Confirm, out _, out var issuedAt)
            || issuedAt is null || issuedAt.Value + options.Value.ConfirmationTokenLifetime < clock.GetUtcNow())
        {
            return null;
        }

        return await ChangeAsync(token, TokenPurpose.Confirm, async (connection, transaction, subscriber) =>
        {
            if (subscriber.Status is SubscriberStatus.Pending or SubscriberStatus.Unsubscribed)
            {
                await subscribers.SetStatusAsync(connection, transaction, subscriber.Id, SubscriberStatus.Active, Now);
                await suppressions.RemoveAsync(connection, transaction, subscriber.Email); // they opted in again themselves
            }
        }, cancellationToken);
    }

    /// <summary>The subscriber a manage or unsubscribe token names, or null.</summary>
    public async Task<Subscriber?> FindByTokenAsync(string token, TokenPurpose purpose, CancellationToken cancellationToken = default)
    {
        if (!SubscriberTokens.TryRead(token, purpose, out var id, out _))
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var subscriber = await subscribers.GetAsync(connection, id);
        return subscriber is not null && tokens.Verify(token, purpose, subscriber.Id, subscriber.TokenNonce) ? subscriber : null;
    }

    /// <summary>Saves new preferences for the subscriber a manage token names; null for an unknown token.</summary>
    public Task<Subscriber?> UpdatePreferencesAsync(string manageToken, SubscriptionPreferences preferences, CancellationToken cancellationToken = default) =>
        ChangeAsync(manageToken, TokenPurpose.Manage, (connection, transaction, subscriber) =>
            subscribers.UpdatePreferencesAsync(connection, transaction, subscriber.Id, preferences, Now), cancellationToken);

    /// <summary>Unsubscribes; idempotent. Takes an unsubscribe or a manage token. Null for an unknown token.</summary>
    public Task<Subscriber?> UnsubscribeAsync(string token, TokenPurpose purpose, CancellationToken cancellationToken = default) =>
        ChangeAsync(token, purpose, (connection, transaction, subscriber) =>
            subscribers.SetStatusAsync(connection, transaction, subscriber.Id, SubscriberStatus.Unsubscribed, Now), cancellationToken);

    /// <summary>Erases a subscriber and everything about them. False when there was no such subscriber.</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await subscribers.DeleteAsync(connection, null, id);
    }

    /// <summary>
    /// Erases the subscriber a manage token names, through <see cref="DeleteAsync"/>: their keywords, digests and
    /// queued emails go with them. Returns who was erased, or null for an unknown token (or one erased meanwhile);
    /// afterwards every link of theirs is dead.
    /// </summary>
    public async Task<Subscriber?> EraseAsync(string manageToken, CancellationToken cancellationToken = default)
    {
        var subscriber = await FindByTokenAsync(manageToken, TokenPurpose.Manage, cancellationToken);
        return subscriber is not null && await DeleteAsync(subscriber.Id, cancellationToken) ? subscriber : null;
    }

    private async Task<Subscriber?> ChangeAsync(string token, TokenPurpose purpose,
        Func<DbConnection, DbTransaction, Subscriber, Task> change, CancellationToken cancellationToken)
    {
        if (!SubscriberTokens.TryRead(token, purpose, out var id, out _))
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var subscriber = await subscribers.GetAsync(connection, id, transaction);
        if (subscriber is null || !tokens.Verify(token, purpose, subscriber.Id, subscriber.TokenNonce))
        {
            return null;
        }

        await change(connection, transaction, subscriber);
        var updated = await subscribers.GetAsync(connection, id, transaction);
        await transaction.CommitAsync(cancellationToken);
        return updated;
    }

    private Task<long> EnqueueAsync(DbConnection connection, DbTransaction transaction, string kind, long subscriberId, string recipient, DateTime now) =>
        outbox.EnqueueAsync(connection, transaction, kind, subscriberId, recipient, options.Value.MessageIdDomain, now);
}

/// <summary>What a subscribe request did; never shown to the requester, who always gets the same answer.</summary>
public enum SubscribeOutcome
{
    Created,
    PendingRefreshed,
    Resubscribed,
    AlreadyActive,
}
