using System.Collections.Concurrent;
using LiteDB;

namespace EdgeAgent.Storage;

/// <summary>Writes that ride with the next group commit instead of starting one (and an fsync) of their own.</summary>
public sealed partial class DurableStore
{
    // Taken by the writer into the next group it commits, or queued as an ordinary write once its wait is over.
    private readonly ConcurrentQueue<PendingChange> _riders = new();

    /// <summary>
    /// As <see cref="WriteAsync{T}(Func{LiteDatabase, T}, CancellationToken)"/>, for a change that need not start
    /// a commit of its own (the uplink's record of central's acks): it is committed in the next group that another
    /// caller's write starts, and, when none starts within <paramref name="within"/> (wall time, like the fsync it
    /// spares), queued as an ordinary write. It completes, like every write, only after the commit holding it is
    /// fsynced. <paramref name="ct"/> cancels the wait and the write, unless the writer has taken it already.
    /// </summary>
    public Task<T> WriteWithNextAsync<T>(Func<LiteDatabase, T> change, TimeSpan within, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentOutOfRangeException.ThrowIfLessThan(within, TimeSpan.Zero);
        var pending = new PendingChange<T>(change);
        return within == TimeSpan.Zero ? EnqueueAsync(pending, ct) : RideAsync(pending, within, ct);
    }

    private async Task<T> RideAsync<T>(PendingChange<T> pending, TimeSpan within, CancellationToken ct)
    {
        if (Faulted is { } fault)
        {
            throw StoreFaultedException.For(DatabasePath, fault);
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _state) != 0, this);
        _riders.Enqueue(pending);
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            // Wall time on purpose: this bounds the store's own commit latency, as the fsync is; on a stepped
            // clock (the shift scenario's) a ride must not wait for the floor's time to move.
            var timeout = Task.Delay(within, TimeProvider.System, wait.Token);
            if (await Task.WhenAny(pending.Task, timeout) != pending.Task && pending.TryTake())
            {
                // No other write came (or the caller stopped waiting): commit it on its own.
                return await EnqueueAsync(pending, ct);
            }

            await wait.CancelAsync(); // the writer took it: stop the timer
        }

        return await pending.Task;
    }

    /// <summary>On the writer thread: adds the riders waiting now to the group about to be committed.</summary>
    private void TakeRiders(List<PendingChange> group)
    {
        while (_riders.TryDequeue(out var rider))
        {
            if (rider.TryTake())
            {
                group.Add(rider);
            }
        }
    }
}
