using System.Device.Gpio;

namespace EdgeAgent.Drivers.Sensors.Internal;

/// <summary>
/// One input pin debounced by a quiet period: every raw edge restarts the debounce timer, and when it
/// runs out the pin is read once; a level that differs from the stable one is a change. So a burst
/// of bounces gives one change, and a pulse shorter than the debounce gives none. Nothing is stored
/// per edge, so a flood costs counters, not memory.
/// </summary>
internal sealed class DebouncedInput : IDisposable
{
    private readonly object _gate = new();
    private readonly SensorInputOptions _options;
    private readonly GpioController _controller;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _debounce;
    private readonly int _floodEdges;
    private readonly Action<SensorChanged> _report;
    private readonly Action<DebouncedInput> _onFlood;
    private readonly ITimer _timer;
    private bool _stableActive;
    private PinValue _lastSampled;
    private DateTimeOffset _lastEdgeAt;
    private int _edgesInWindow;

    public DebouncedInput(
        SensorInputOptions options,
        GpioController controller,
        TimeProvider timeProvider,
        int floodEdges,
        Action<SensorChanged> report,
        Action<DebouncedInput> onFlood)
    {
        _options = options;
        _controller = controller;
        _timeProvider = timeProvider;
        _debounce = options.Debounce;
        _floodEdges = floodEdges;
        _report = report;
        _onFlood = onFlood;
        _timer = timeProvider.CreateTimer(static state => ((DebouncedInput)state!).Settle(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public string Name => _options.Name;

    public int Pin => _options.Pin;

    public bool IsActive
    {
        get
        {
            lock (_gate)
            {
                return _stableActive;
            }
        }
    }

    public long RawEdges { get; private set; }

    public long Changes { get; private set; }

    public long ShortPulses { get; private set; }

    public long Floods { get; private set; }

    /// <summary>Takes the pin's present level as the stable state; returns the change to report when it is active.</summary>
    public SensorChanged? Initialize()
    {
        var level = _controller.Read(_options.Pin);
        lock (_gate)
        {
            _lastSampled = level;
            // An edge that arrived (and settled) since the callbacks were registered already reported this level.
            var wasActive = _stableActive;
            _stableActive = IsActiveLevel(level);
            return _stableActive && !wasActive ? new SensorChanged(Name, _options.Role, true, _timeProvider.GetUtcNow()) : null;
        }
    }

    /// <summary>A raw edge from the driver's callback (or a level change seen by polling).</summary>
    public void OnEdge()
    {
        var flooded = false;
        lock (_gate)
        {
            RawEdges++;
            _lastEdgeAt = _timeProvider.GetUtcNow();
            if (++_edgesInWindow == _floodEdges)
            {
                Floods++;
                flooded = true;
            }

            if (_debounce > TimeSpan.Zero)
            {
                _timer.Change(_debounce, Timeout.InfiniteTimeSpan);
            }
        }

        if (flooded)
        {
            _onFlood(this);
        }

        if (_debounce <= TimeSpan.Zero)
        {
            Settle();
        }
    }

    /// <summary>Polling mode: reads the pin and treats a level different from the last sample as an edge.</summary>
    public void Sample()
    {
        var level = _controller.Read(_options.Pin);
        lock (_gate)
        {
            if (level == _lastSampled)
            {
                return;
            }

            _lastSampled = level;
        }

        OnEdge();
    }

    public void Dispose() => _timer.Dispose();

    private void Settle()
    {
        var level = _controller.Read(_options.Pin);
        SensorChanged change;
        lock (_gate)
        {
            _edgesInWindow = 0;
            var active = IsActiveLevel(level);
            if (active == _stableActive)
            {
                ShortPulses++;
                return;
            }

            _stableActive = active;
            Changes++;
            change = new SensorChanged(Name, _options.Role, active, _lastEdgeAt);
        }

        _report(change);
    }

    private bool IsActiveLevel(PinValue level) => (level == PinValue.High) != _options.ActiveLow;
}
