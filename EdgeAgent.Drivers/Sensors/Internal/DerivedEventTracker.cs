namespace EdgeAgent.Drivers.Sensors.Internal;

/// <summary>
/// Turns one sensor's debounced changes into carton, jam and door events with TimeProvider timers.
/// Timers are armed from the edge's own timestamp, so the debounce delay does not stretch a jam time.
/// </summary>
internal sealed class DerivedEventTracker : IDisposable
{
    private readonly object _gate = new();
    private readonly string _sensor;
    private readonly SensorRole _role;
    private readonly SensorTimings _timings;
    private readonly TimeProvider _timeProvider;
    private readonly Action<SensorEvent> _emit;
    private readonly ITimer _timer;
    private DateTimeOffset? _activeSince;
    private bool _timerFired;

    public DerivedEventTracker(string sensor, SensorRole role, SensorTimings timings, TimeProvider timeProvider, Action<SensorEvent> emit)
    {
        _sensor = sensor;
        _role = role;
        _timings = timings;
        _timeProvider = timeProvider;
        _emit = emit;
        _timer = timeProvider.CreateTimer(static state => ((DerivedEventTracker)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private TimeSpan? LongActiveLimit => _role == SensorRole.DoorSwitch ? _timings.OpenTooLongAfter : _timings.JamAfter;

    public void OnChanged(SensorChanged change)
    {
        SensorEvent? derived = null;
        lock (_gate)
        {
            if (change.Active)
            {
                if (_activeSince is not null)
                {
                    return;
                }

                _activeSince = change.At;
                _timerFired = false;
                if (LongActiveLimit is { } limit)
                {
                    var remaining = limit - (_timeProvider.GetUtcNow() - change.At);
                    _timer.Change(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
                }

                return;
            }

            if (_activeSince is not { } since)
            {
                return;
            }

            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _activeSince = null;
            var dwell = change.At - since;
            if (_role != SensorRole.DoorSwitch && _timerFired)
            {
                derived = new JamCleared(_sensor, change.At, dwell);
            }
            else if (_role == SensorRole.PhotoEye && _timings.CartonMinDwell is { } min && dwell >= min)
            {
                derived = new CartonDetected(_sensor, since, dwell);
            }
        }

        if (derived is not null)
        {
            _emit(derived);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void OnTimer()
    {
        SensorEvent derived;
        lock (_gate)
        {
            if (_activeSince is not { } since || _timerFired)
            {
                return;
            }

            _timerFired = true;
            var now = _timeProvider.GetUtcNow();
            derived = _role == SensorRole.DoorSwitch
                ? new DoorOpenTooLong(_sensor, now, since)
                : new JamDetected(_sensor, now, since);
        }

        _emit(derived);
    }
}
