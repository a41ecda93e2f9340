namespace Newsletter.Delivery;

/// <summary>
/// Wakes idle senders as soon as something is queued in this process, so a confirmation email leaves within
/// milliseconds instead of waiting for the next poll. Work queued elsewhere is found by polling.
/// </summary>
public sealed class DeliverySignal
{
    private TaskCompletionSource pulse = NewPulse();

    /// <summary>Says new outbox rows are waiting.</summary>
    public void Notify() => Interlocked.Exchange(ref pulse, NewPulse()).TrySetResult();

    /// <summary>
    /// The next pulse. Take it before looking for work, then wait on it: a notification that arrives in
    /// between is not missed.
    /// </summary>
    public Task Next => Volatile.Read(ref pulse).Task;

    /// <summary>Completes when <paramref name="next"/> fires or after <paramref name="timeout"/>, whichever is first.</summary>
    public static async Task WaitAsync(Task next, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await Task.WhenAny(next, Task.Delay(timeout, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static TaskCompletionSource NewPulse() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
