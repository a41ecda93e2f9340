using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Newsletter.Delivery;

/// <summary>
/// The sending limits shared by every sender of this process: <see cref="DeliveryOptions.MaxPerSecond"/> (a token
/// bucket) and <see cref="DeliveryOptions.MaxPerHour"/> (a sliding hour). Both unlimited by default.
/// </summary>
public sealed class SendThrottle : IAsyncDisposable
{
    private readonly RateLimiter? perSecond;
    private readonly RateLimiter? perHour;

    public SendThrottle(IOptions<DeliveryOptions> options)
    {
        var settings = options.Value;
        if (settings.MaxPerSecond > 0)
        {
            perSecond = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.MaxPerSecond,
                TokensPerPeriod = settings.MaxPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
        }

        if (settings.MaxPerHour > 0)
        {
            perHour = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = settings.MaxPerHour,
                Window = TimeSpan.FromHours(1),
                SegmentsPerWindow = 60,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
        }
    }

    /// <summary>Waits until one more message may go out.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        foreach (var limiter in new[] { perSecond, perHour })
        {
            if (limiter is not null)
            {
                using var lease = await limiter.AcquireAsync(1, cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (perSecond is not null)
        {
            await perSecond.DisposeAsync();
        }

        if (perHour is not null)
        {
            await perHour.DisposeAsync();
        }
    }
}
