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

    public bool CircuitOpen { get; set; }

    public long SessionStarted() => Interlocked.Increment(ref _sessions);

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
            };
        }
    }
}
