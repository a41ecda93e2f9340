using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsletter.Emails;

namespace Newsletter.Delivery;

/// <summary>
/// Drains the outbox: <see cref="DeliveryOptions.Concurrency"/> senders, each claiming batches of rows and
/// sending them over its own persistent connection. A row is marked sent only after the server accepted it;
/// a sender records its accepted messages with one statement per batch, before it claims the next batch or
/// stops, so a crash repeats at most the messages of the batches in flight, with the same Message-ID.
/// </summary>
public sealed class DeliveryService(
    OutboxStore outbox,
    IMailTransport transport,
    EmailComposer composer,
    SendThrottle throttle,
    DeliverySignal signal,
    IOptions<DeliveryOptions> options,
    TimeProvider clock,
    ILogger<DeliveryService> logger) : BackgroundService
{
    private readonly OutboxStore outbox = outbox;
    private readonly IMailTransport transport = transport;
    private readonly EmailComposer composer = composer;
    private readonly SendThrottle throttle = throttle;
    private readonly ILogger<DeliveryService> logger = logger;
    private readonly DeliveryOptions settings = options.Value;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(i => Task.Run(() => RunSenderAsync(i, stoppingToken), stoppingToken)));

    private async Task RunSenderAsync(int index, CancellationToken stoppingToken)
    {
        var owner = $"{Environment.MachineName}/{Environment.ProcessId}/{index}";
        var sender = new Sender(this);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wake = signal.Next;
                IReadOnlyList<OutboxMessage> batch;
                DateTime leaseUntil;
                try
                {
                    var now = Now;
                    leaseUntil = now + settings.ClaimTimeout;
                    batch = await outbox.ClaimAsync(owner, settings.ClaimBatchSize, now, leaseUntil, stoppingToken);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(exception, "Sender {Owner} could not claim outbox rows; trying again shortly", owner);
                    await Task.Delay(settings.PollInterval, stoppingToken);
                    continue;
                }

                if (batch.Count == 0)
                {
                    await DeliverySignal.WaitAsync(wake, settings.PollInterval, stoppingToken);
                    continue;
                }

                await sender.SendBatchAsync(batch, leaseUntil, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await sender.DisposeAsync();
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The retry delay after <paramref name="attempts"/> tries: doubling from RetryDelay, capped.</summary>
    internal TimeSpan BackoffFor(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        return TimeSpan.FromTicks((long)Math.Min(settings.RetryDelay.Ticks * factor, settings.MaxRetryDelay.Ticks));
    }

    /// <summary>One sender's connection and the per-message bookkeeping around it.</summary>
    private sealed class Sender(DeliveryService service) : IAsyncDisposable
    {
        /// <summary>Accepted by the server, not yet recorded as sent.</summary>
        private readonly List<long> accepted = [];
        private IMailConnection? connection;
        private int sentOnConnection;

        /// <summary>
        /// Sends a claimed batch, then records every message the server accepted. When shutting down, when the
        /// connection breaks, or once half the lease is gone (after it another sender may claim the rows), the
        /// untried rest is handed back at once.
        /// </summary>
        public async Task SendBatchAsync(IReadOnlyList<OutboxMessage> batch, DateTime leaseUntil, CancellationToken stoppingToken)
        {
            EmailComposer.Batch emails;
            try
            {
                emails = await service.composer.LoadAsync(batch, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                service.logger.LogError(exception, "Could not read what {Count} outbox messages render from; they will be tried again", batch.Count);
                await service.outbox.ReleaseAsync(batch.Select(m => m.Id), service.Now + service.BackoffFor(1));
                return;
            }

            var handBackAt = leaseUntil - service.settings.ClaimTimeout / 2;
            try
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    var stop = stoppingToken.IsCancellationRequested || service.Now >= handBackAt;
                    if (stop || !await SendOneAsync(batch[i], emails, stoppingToken))
                    {
                        var rest = batch.Skip(stop ? i : i + 1).Select(m => m.Id).ToList();
                        if (rest.Count > 0)
                        {
                            var retryAt = stop ? service.Now : service.Now + service.BackoffFor(1);
                            await service.outbox.ReleaseAsync(rest, retryAt);
                        }

                        return;
                    }
                }
            }
            finally
            {
                await RecordAcceptedAsync();
            }
        }

        /// <summary>Marks the accepted messages sent in one statement; if that fails they are kept for the next try.</summary>
        private async Task RecordAcceptedAsync()
        {
            if (accepted.Count == 0)
            {
                return;
            }

            try
            {
                await service.outbox.MarkSentAsync(accepted, service.Now);
                accepted.Clear();
            }
            catch (Exception exception)
            {
                service.logger.LogError(exception, "Could not record {Count} sent outbox messages; trying again after the next batch", accepted.Count);
            }
        }

        /// <summary>Sends one message and records the outcome; false when the connection is unusable.</summary>
        private async Task<bool> SendOneAsync(OutboxMessage message, EmailComposer.Batch emails, CancellationToken stoppingToken)
        {
            var outbox = service.outbox;
            try
            {
                var mime = await emails.ComposeAsync(message);
                if (mime is null)
                {
                    await outbox.MarkFailedAsync(message.Id, "The recipient no longer exists.", service.Now);
                    return true;
                }

                if (connection is null || !connection.IsUsable || sentOnConnection >= service.settings.MessagesPerConnection)
                {
                    await CloseAsync();
                    connection = await service.transport.ConnectAsync(stoppingToken);
                }

                await service.throttle.WaitAsync(stoppingToken);
                await connection.SendAsync(mime, stoppingToken);
                sentOnConnection++;
                accepted.Add(message.Id);
                return true;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                var failure = SendFailure.Classify(exception);
                await RecordFailureAsync(message, failure);
                if (failure.ConnectionBroken)
                {
                    await CloseAsync();
                    return false;
                }

                return true;
            }
        }

        private async Task RecordFailureAsync(OutboxMessage message, SendFailure failure)
        {
            var now = service.Now;
            var retryAt = now + service.BackoffFor(message.Attempts);
            if (failure.Bounce)
            {
                service.logger.LogWarning("Outbox message {Id} ({Kind}) bounced: {Reason}", message.Id, message.Kind, failure.Reason);
                await service.outbox.MarkBouncedAsync(message.Id, failure.Reason, service.settings.BounceLimit, now);
            }
            else if (failure.Permanent || retryAt - message.CreatedAt > service.settings.RetryFor)
            {
                service.logger.LogWarning("Outbox message {Id} ({Kind}) failed for good after {Attempts} attempt(s): {Reason}",
                    message.Id, message.Kind, message.Attempts, failure.Reason);
                await service.outbox.MarkFailedAsync(message.Id, failure.Reason, now);
            }
            else
            {
                service.logger.LogInformation("Outbox message {Id} ({Kind}) will be retried at {RetryAt:O}: {Reason}",
                    message.Id, message.Kind, retryAt, failure.Reason);
                await service.outbox.MarkForRetryAsync(message.Id, retryAt, failure.Reason);
            }
        }

        private async Task CloseAsync()
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
                connection = null;
            }

            sentOnConnection = 0;
        }

        public async ValueTask DisposeAsync()
        {
            await RecordAcceptedAsync();
            await CloseAsync();
        }
    }
}
