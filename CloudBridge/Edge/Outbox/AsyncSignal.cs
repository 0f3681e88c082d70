namespace CloudBridge.Outbox;

/// <summary>A resettable wake-up: producers set it, one consumer waits on it with a timeout.</summary>
internal sealed class AsyncSignal
{
    private TaskCompletionSource _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set() => Volatile.Read(ref _tcs).TrySetResult();

    /// <summary>Forgets an earlier signal; call before checking for work, then wait.</summary>
    public void Reset()
    {
        var current = Volatile.Read(ref _tcs);
        if (current.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _tcs, new(TaskCreationOptions.RunContinuationsAsynchronously), current);
        }
    }

    /// <summary>
    /// Completes when signalled (true) or when <paramref name="timeout"/> passes (false); throws only on cancellation.
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        try
        {
            await Volatile.Read(ref _tcs).Task.WaitAsync(timeout, time, ct);
            return true;
        }
        catch (TimeoutException)
        {
            // A timeout is the poll fallback for commits the signal raced with; not an error.
            return false;
        }
    }
}
