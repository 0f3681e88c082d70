namespace CloudBridge.Uplink;

/// <summary>Live counters behind <see cref="BridgeStatus"/>; written by the sender, read by status callers.</summary>
internal sealed class UplinkCounters(TimeProvider time)
{
    private readonly Lock _gate = new();
    private long _acked;
    private long _sessions;
    private bool _connected;
    private string? _lastError;
    private DateTimeOffset? _lastAck;
    private (DateTimeOffset At, long Acked) _rateSample = (time.GetUtcNow(), 0);
    private double _rate;
    private long _read;
    private long _laneReads;
    private (int Batches, long Events, long Bytes) _held;
    private (int Batches, long Events, long Bytes) _peak;

    public bool CircuitOpen { get; set; }

    public long SessionStarted() => Interlocked.Increment(ref _sessions);

    /// <summary>One look at one lane of the outbox (a store read), whether it found events or not.</summary>
    public void LaneRead() => Interlocked.Increment(ref _laneReads);

    public void Connected()
    {
        lock (_gate)
        {
            _connected = true;
        }
    }

    public void Disconnected(string error)
    {
        lock (_gate)
        {
            _connected = false;
            _lastError = error;
        }
    }

    public void Acked(int events)
    {
        lock (_gate)
        {
            _acked += events;
            _lastAck = time.GetUtcNow();
        }
    }

    /// <summary>A batch read from the outbox (positive) or written to the stream or dropped with its session (negative).</summary>
    public void Held(int batches, long events, long bytes)
    {
        lock (_gate)
        {
            if (batches > 0)
            {
                _read += events;
            }

            _held = (_held.Batches + batches, _held.Events + events, _held.Bytes + bytes);
            _peak = (Math.Max(_peak.Batches, _held.Batches), Math.Max(_peak.Events, _held.Events), Math.Max(_peak.Bytes, _held.Bytes));
        }
    }

    public BridgeStatus Snapshot(IReadOnlyList<LaneStatus> lanes, bool quotaAlarm)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var elapsed = now - _rateSample.At;
            if (elapsed >= TimeSpan.FromSeconds(1))
            {
                _rate = (_acked - _rateSample.Acked) / elapsed.TotalSeconds;
                _rateSample = (now, _acked);
            }

            return new BridgeStatus
            {
                Connected = _connected,
                CircuitOpen = CircuitOpen,
                QuotaAlarm = quotaAlarm,
                Lanes = lanes,
                EventsAcked = _acked,
                AckedPerSecond = _rate,
                Sessions = Interlocked.Read(ref _sessions),
                LastError = _lastError,
                LastAckAt = _lastAck,
                EventsRead = _read,
                LaneReads = Interlocked.Read(ref _laneReads),
                Held = new ReadAheadFigures(_held.Batches, _held.Events, _held.Bytes),
                PeakHeld = new ReadAheadFigures(_peak.Batches, _peak.Events, _peak.Bytes),
            };
        }
    }
}
