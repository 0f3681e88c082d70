using System.Device.Gpio;

namespace EdgeAgent.Drivers.Sensors;

/// <summary>A red/amber/green stack light with an optional buzzer, set to a named signal or to a pattern per lamp.</summary>
public sealed class StackLight : IDisposable
{
    private readonly StackLightOptions _options;
    private readonly object _gate = new();

    public StackLight(GpioController controller, StackLightOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        Red = Open(controller, options.RedPin, options.ActiveLow, timeProvider);
        Amber = Open(controller, options.AmberPin, options.ActiveLow, timeProvider);
        Green = Open(controller, options.GreenPin, options.ActiveLow, timeProvider);
        Buzzer = Open(controller, options.BuzzerPin, options.ActiveLow, timeProvider);
    }

    public string Name => _options.Name;

    public StackLightSignal? Signal { get; private set; } = StackLightSignal.Off;

    public SignalOutput? Red { get; }

    public SignalOutput? Amber { get; }

    public SignalOutput? Green { get; }

    public SignalOutput? Buzzer { get; }

    /// <summary>Shows a named signal; blinking uses the configured period.</summary>
    public void Set(StackLightSignal signal)
    {
        var blink = OutputPattern.Blink(TimeSpan.FromMilliseconds(_options.BlinkPeriodMs));
        var (red, amber, green, buzzer) = signal switch
        {
            StackLightSignal.Normal => (OutputPattern.Off, OutputPattern.Off, OutputPattern.Steady, OutputPattern.Off),
            StackLightSignal.Warning => (OutputPattern.Off, OutputPattern.Steady, OutputPattern.Off, OutputPattern.Off),
            StackLightSignal.Fault => (blink, OutputPattern.Off, OutputPattern.Off, blink),
            _ => (OutputPattern.Off, OutputPattern.Off, OutputPattern.Off, OutputPattern.Off),
        };
        lock (_gate)
        {
            if (Signal == signal)
            {
                return;
            }

            Apply(red, amber, green, buzzer);
            Signal = signal;
        }
    }

    /// <summary>Sets each lamp and the buzzer to its own pattern; <see cref="Signal"/> becomes <c>null</c>.</summary>
    public void Set(OutputPattern red, OutputPattern amber, OutputPattern green, OutputPattern buzzer)
    {
        lock (_gate)
        {
            Apply(red, amber, green, buzzer);
            Signal = null;
        }
    }

    public void Dispose()
    {
        Red?.Dispose();
        Amber?.Dispose();
        Green?.Dispose();
        Buzzer?.Dispose();
    }

    private static SignalOutput? Open(GpioController controller, int? pin, bool activeLow, TimeProvider timeProvider) =>
        pin is { } p ? new SignalOutput(controller, p, activeLow, timeProvider) : null;

    private void Apply(OutputPattern red, OutputPattern amber, OutputPattern green, OutputPattern buzzer)
    {
        // Switch off first, then on, so the tower never shows two signals at once in between.
        foreach (var (output, pattern) in new[] { (Red, red), (Amber, amber), (Green, green), (Buzzer, buzzer) }.OrderBy(p => p.Item2.Mode != OutputMode.Off))
        {
            output?.Set(pattern);
        }
    }
}
