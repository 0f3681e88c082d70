using System.ComponentModel.DataAnnotations;
using System.Device.Gpio;
using EdgeAgent.Drivers.Logging;
using EdgeAgent.Drivers.Sensors.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAgent.Drivers.Sensors;

/// <summary>
/// The debounced inputs and stack lights of one GPIO controller, whatever chip is behind it: a
/// board's driver, an MCP23017 expander, or the simulated chip. Changes go to a <see cref="SensorFeed"/>.
/// </summary>
/// <remarks>The controller is the caller's: the bank opens and closes its pins, never the controller.</remarks>
public sealed partial class SensorBank : IDisposable
{
    private static readonly TimeSpan FloodLogPeriod = TimeSpan.FromMinutes(1);

    private readonly GpioController _controller;
    private readonly SensorPinMapOptions _options;
    private readonly SensorFeed _feed;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly LogRateLimiter _floodLog;
    private readonly List<DebouncedInput> _inputs = [];
    private readonly Dictionary<string, StackLight> _stackLights = new(StringComparer.Ordinal);
    private readonly Dictionary<int, DebouncedInput> _byPin = [];
    private ITimer? _pollTimer;
    private bool _started;

    public SensorBank(
        GpioController controller,
        SensorPinMapOptions options,
        SensorFeed feed,
        TimeProvider timeProvider,
        ILogger<SensorBank>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        _controller = controller;
        _options = options;
        _feed = feed;
        _timeProvider = timeProvider;
        _logger = logger ?? NullLogger<SensorBank>.Instance;
        _floodLog = new LogRateLimiter(timeProvider, FloodLogPeriod);
    }

    /// <summary>The stack lights of the pin map by name; filled by <see cref="Start"/>.</summary>
    public IReadOnlyDictionary<string, StackLight> StackLights => _stackLights;

    public SensorBankCounters Counters => new(
        _inputs.Sum(i => i.RawEdges),
        _inputs.Sum(i => i.Changes),
        _inputs.Sum(i => i.ShortPulses),
        _inputs.Sum(i => i.Floods));

    /// <summary>The debounced state of an input.</summary>
    public bool IsActive(string sensor) =>
        _inputs.Find(i => i.Name == sensor)?.IsActive ?? throw new KeyNotFoundException($"No input named '{sensor}'.");

    /// <summary>
    /// Opens the pins, takes their present levels as the starting state (an input already active is
    /// reported once, so a door found open still times out), then follows edges.
    /// </summary>
    public void Start()
    {
        if (_started)
        {
            throw new InvalidOperationException("The sensor bank is already started.");
        }

        _started = true;
        foreach (var input in _options.Inputs)
        {
            OpenInput(input);
        }

        foreach (var light in _options.StackLights)
        {
            _stackLights.Add(light.Name, new StackLight(_controller, light, _timeProvider));
        }

        // Edges are followed before the starting levels are read: an edge between the two (a door opened while the
        // bank starts) was lost when the read came first. An edge that lands before the read settles against it.
        if (_options.PollIntervalMs is null)
        {
            foreach (var input in _inputs)
            {
                _controller.RegisterCallbackForPinValueChangedEvent(input.Pin, PinEventTypes.Rising | PinEventTypes.Falling, OnPinChanged);
            }
        }

        foreach (var input in _inputs)
        {
            if (input.Initialize() is { } initial)
            {
                _feed.Report(initial);
            }
        }

        if (_options.PollIntervalMs is { } pollMs)
        {
            var interval = TimeSpan.FromMilliseconds(pollMs);
            _pollTimer = _timeProvider.CreateTimer(static state => ((SensorBank)state!).Poll(), this, interval, interval);
        }

        LogStarted(_inputs.Count, _stackLights.Count, _pollTimer is null ? "edge callbacks" : $"polling every {_options.PollIntervalMs} ms");
    }

    public void Dispose()
    {
        _pollTimer?.Dispose();
        foreach (var input in _inputs)
        {
            if (_pollTimer is null && _started)
            {
                _controller.UnregisterCallbackForPinValueChangedEvent(input.Pin, OnPinChanged);
            }

            input.Dispose();
            _controller.ClosePin(input.Pin);
        }

        foreach (var light in _stackLights.Values)
        {
            light.Dispose();
        }

        _inputs.Clear();
        _stackLights.Clear();
    }

    private void OpenInput(SensorInputOptions input)
    {
        var mode = input.Pull switch
        {
            InputPull.Up => PinMode.InputPullUp,
            InputPull.Down => PinMode.InputPullDown,
            _ => PinMode.Input,
        };
        if (!_controller.IsPinModeSupported(input.Pin, mode))
        {
            throw new InvalidOperationException($"Input '{input.Name}': pin {input.Pin} does not support {mode} on this chip.");
        }

        _controller.OpenPin(input.Pin, mode);
        var debounced = new DebouncedInput(input, _controller, _timeProvider, _options.FloodEdges, _feed.Report, OnFlood);
        _feed.Register(input.Name, input.Role, input.Timings);
        _inputs.Add(debounced);
        _byPin.Add(input.Pin, debounced);
    }

    private void OnPinChanged(object sender, PinValueChangedEventArgs args)
    {
        if (_byPin.TryGetValue(args.PinNumber, out var input))
        {
            input.OnEdge();
        }
    }

    private void Poll()
    {
        foreach (var input in _inputs)
        {
            input.Sample();
        }
    }

    private void OnFlood(DebouncedInput input)
    {
        if (_floodLog.ShouldLog(input.Name, out var suppressed))
        {
            LogFlood(input.Name, input.Pin, input.RawEdges, input.Floods, suppressed);
        }
    }
}
