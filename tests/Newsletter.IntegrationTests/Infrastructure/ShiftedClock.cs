namespace Newsletter.IntegrationTests.Infrastructure;

/// <summary>
/// The app's clock, set to any instant and running on from there at real speed. Timers and delays stay real
/// (the base <see cref="TimeProvider"/>'s), so delivery retries and polling behave as in production while
/// the schedule believes it is, say, 06:59 in Berlin. Hangfire's own recurring scheduler keeps the real clock:
/// with a cron of every second it fires as often as a test needs.
/// </summary>
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private long offsetTicks = (start - System.GetUtcNow()).Ticks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    /// <summary>Moves the clock so that it reads <paramref name="now"/> (forward or back).</summary>
    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref offsetTicks, (now - System.GetUtcNow()).Ticks);
}
