using System.Device.Gpio;

namespace EdgeAgent.Drivers.Sensors;

/// <summary>
/// A GPIO chip in memory, used exactly like a board's driver (<c>new GpioController(chip)</c>), whose
/// input levels a simulator sets with <see cref="SetInput"/> and whose outputs it reads back.
/// </summary>
/// <remarks>
/// Edges are raised synchronously on the thread that calls <see cref="SetInput"/>, so a test that
/// drives a fake clock sees every consequence before its next step. Pull resistors decide the
/// level of an input nothing drives, as on real hardware.
/// </remarks>
public sealed class SimulatedGpioDriver : GpioDriver
{
    private readonly object _gate = new();
    private readonly SimulatedPin[] _pins;

    public SimulatedGpioDriver(int pinCount = 32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pinCount, 1);
        _pins = new SimulatedPin[pinCount];
        for (var i = 0; i < pinCount; i++)
        {
            _pins[i] = new SimulatedPin();
        }
    }

    /// <summary>Edges raised to callbacks and waiters since the chip was created.</summary>
    public long EdgesRaised { get; private set; }

    protected override int PinCount => _pins.Length;

    /// <summary>Drives an input pin from outside, as a sensor's output wired to it would.</summary>
    public void SetInput(int pinNumber, PinValue value)
    {
        List<PinChangeEventHandler> handlers;
        PinEventTypes edge;
        lock (_gate)
        {
            var pin = Pin(pinNumber);
            var before = pin.Level;
            pin.Driven = value;
            var after = pin.Level;
            if (before == after)
            {
                return;
            }

            edge = after == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            handlers = pin.HandlersFor(edge);
            pin.SignalWaiters(edge);
            EdgesRaised++;
        }

        var args = new PinValueChangedEventArgs(edge, pinNumber);
        foreach (var handler in handlers)
        {
            handler(this, args);
        }
    }

    /// <summary>Releases an input so its pull resistor (or the floating default, low) decides its level.</summary>
    public void ReleaseInput(int pinNumber)
    {
        lock (_gate)
        {
            Pin(pinNumber).Driven = null;
        }
    }

    /// <summary>The level the chip drives on an output pin (or reads on an input).</summary>
    public PinValue ReadOutput(int pinNumber)
    {
        lock (_gate)
        {
            return Pin(pinNumber).Level;
        }
    }

    /// <summary>The mode the pin was last set to; <c>null</c> when it is not open.</summary>
    public PinMode? ModeOf(int pinNumber)
    {
        lock (_gate)
        {
            var pin = Pin(pinNumber);
            return pin.IsOpen ? pin.Mode : null;
        }
    }

    protected override void OpenPin(int pinNumber)
    {
        lock (_gate)
        {
            Pin(pinNumber).IsOpen = true;
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            var pin = Pin(pinNumber);
            pin.IsOpen = false;
            pin.ClearHandlers();
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate)
        {
            Pin(pinNumber).Mode = mode;
        }
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
        {
            return Pin(pinNumber).Mode;
        }
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        mode is PinMode.Input or PinMode.InputPullUp or PinMode.InputPullDown or PinMode.Output;

    protected override PinValue Read(int pinNumber)
    {
        lock (_gate)
        {
            return Pin(pinNumber).Level;
        }
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        lock (_gate)
        {
            var pin = Pin(pinNumber);
            if (pin.Mode != PinMode.Output)
            {
                throw new InvalidOperationException($"Pin {pinNumber} is not an output (mode {pin.Mode}).");
            }

            pin.Output = value;
        }
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        Task<PinEventTypes> waiter;
        lock (_gate)
        {
            waiter = Pin(pinNumber).AddWaiter(eventTypes);
        }

        try
        {
            waiter.Wait(cancellationToken);
            return new WaitForEventResult { EventTypes = waiter.Result, TimedOut = false };
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                Pin(pinNumber).RemoveWaiter(waiter);
            }

            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
    }

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            Pin(pinNumber).AddHandler(eventTypes, callback);
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            Pin(pinNumber).RemoveHandler(callback);
        }
    }

    private SimulatedPin Pin(int pinNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pinNumber);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pinNumber, _pins.Length);
        return _pins[pinNumber];
    }
}
