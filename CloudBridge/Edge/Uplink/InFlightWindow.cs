namespace CloudBridge.Uplink;

/// <summary>Batches sent on the current stream and not yet acknowledged; bounds how far the sender runs ahead.</summary>
internal sealed class InFlightWindow : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly List<(string Lane, long Last)> _batches = [];
    private readonly Lock _gate = new();

    public InFlightWindow(int size) => _slots = new SemaphoreSlim(size, size);

    /// <summary>False when no slot freed up within <paramref name="timeout"/> (central stopped acking).</summary>
    public async Task<bool> WaitForSlotAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        try
        {
            await _slots.WaitAsync(ct).WaitAsync(timeout, time, ct);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Sent(string lane, long lastSequence)
    {
        lock (_gate)
        {
            _batches.Add((lane, lastSequence));
        }
    }

    public void Acknowledged(string lane, long through)
    {
        int released;
        lock (_gate)
        {
            released = _batches.RemoveAll(b => b.Lane == lane && b.Last <= through);
        }

        if (released > 0)
        {
            _slots.Release(released);
        }
    }

    public void Dispose() => _slots.Dispose();
}
