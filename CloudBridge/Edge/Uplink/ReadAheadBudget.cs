using CloudBridge.Contract.V1;

namespace CloudBridge.Uplink;

/// <summary>A batch read from the outbox and not yet written to the stream, with what it costs in memory.</summary>
internal sealed record HeldBatch(UplinkBatch Batch, long Last, int Events, long Bytes);

/// <summary>
/// The bytes one session holds between the outbox read and the stream write: the read-ahead waits while they reach
/// the limit, and the sender's counters see every change (so the bound shows in the status and in tests).
/// </summary>
internal sealed class ReadAheadBudget(long maxBytes, UplinkCounters counters) : IDisposable
{
    private readonly Lock _gate = new();
    private long _bytes;
    private long _events;
    private int _batches;
    private TaskCompletionSource? _room;

    /// <summary>Completes once less than the limit is held (at once when that is so already).</summary>
    public async Task WaitForRoomAsync(CancellationToken ct)
    {
        Task wait;
        lock (_gate)
        {
            if (_bytes < maxBytes)
            {
                return;
            }

            _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            wait = _room.Task;
        }

        await wait.WaitAsync(ct);
    }

    public void Read(HeldBatch batch)
    {
        lock (_gate)
        {
            _bytes += batch.Bytes;
            _events += batch.Events;
            _batches++;
        }

        counters.Held(1, batch.Events, batch.Bytes);
    }

    /// <summary>Written to the stream, or dropped with its session.</summary>
    public void Written(HeldBatch batch)
    {
        TaskCompletionSource? room = null;
        lock (_gate)
        {
            _bytes -= batch.Bytes;
            _events -= batch.Events;
            _batches--;
            if (_bytes < maxBytes)
            {
                (room, _room) = (_room, null);
            }
        }

        counters.Held(-1, -batch.Events, -batch.Bytes);
        room?.TrySetResult();
    }

    /// <summary>The session ended: whatever it still counted (a batch in the middle of its write) is no longer held.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_batches != 0)
            {
                counters.Held(-_batches, -_events, -_bytes);
                (_batches, _events, _bytes) = (0, 0, 0);
            }
        }
    }
}
