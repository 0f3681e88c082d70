using System.Device.Gpio;

namespace EdgeAgent.Drivers.Sensors;

/// <summary>One output pin (a lamp, a buzzer) driven with an <see cref="OutputPattern"/>; blinking runs on a TimeProvider timer.</summary>
public sealed class SignalOutput : IDisposable
{
    private readonly object _gate = new();
    private readonly GpioController _controller;
    private readonly int _pin;
    private readonly bool _activeLow;
    private readonly ITimer _timer;
    private OutputPattern _pattern = OutputPattern.Off;
    private bool _on;
    private bool _disposed;

    /// <summary>Opens <paramref name="pin"/> as an output, off; the controller stays the caller's.</summary>
    public SignalOutput(GpioController controller, int pin, bool activeLow, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _controller = controller;
        _pin = pin;
        _activeLow = activeLow;
        _controller.OpenPin(pin, PinMode.Output, Level(false));
        _timer = timeProvider.CreateTimer(static state => ((SignalOutput)state!).Toggle(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public int Pin => _pin;

    public OutputPattern Pattern
    {
        get
        {
            lock (_gate)
            {
                return _pattern;
            }
        }
    }

    /// <summary>Whether the output is energised right now (a blinking lamp alternates).</summary>
    public bool IsOn
    {
        get
        {
            lock (_gate)
            {
                return _on;
            }
        }
    }

    /// <summary>Applies a pattern; setting the pattern already running keeps its phase, so repeating a command does not stutter.</summary>
    public void Set(OutputPattern pattern)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (pattern == _pattern)
            {
                return;
            }

            _pattern = pattern;
            if (pattern.Mode == OutputMode.Blink)
            {
                var half = pattern.Period / 2;
                _timer.Change(half, half);
            }
            else
            {
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }

            Drive(pattern.Mode != OutputMode.Off);
        }
    }

    /// <summary>Switches the output off and releases the pin.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer.Dispose();
            Drive(false);
            _controller.ClosePin(_pin);
        }
    }

    private void Toggle()
    {
        lock (_gate)
        {
            if (!_disposed && _pattern.Mode == OutputMode.Blink)
            {
                Drive(!_on);
            }
        }
    }

    private void Drive(bool on)
    {
        _on = on;
        _controller.Write(_pin, Level(on));
    }

    private PinValue Level(bool on) => on != _activeLow ? PinValue.High : PinValue.Low;
}
