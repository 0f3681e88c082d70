using System.Device.Gpio;
using EdgeAgent.Drivers.Sensors;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Drivers.Tests.Sensors;

/// <summary>The real sensor code on the simulated chip, with a fake clock that every timer runs on.</summary>
internal sealed class SensorRigHarness : IDisposable
{
    public SensorRigHarness(params SensorInputOptions[] inputs)
        : this(new SensorPinMapOptions { Inputs = inputs })
    {
    }

    public SensorRigHarness(SensorPinMapOptions options)
    {
        Controller = new GpioController(Chip);
        Feed = new SensorFeed(Clock);
        Bank = new SensorBank(Controller, options, Feed, Clock);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero));

    public SimulatedGpioDriver Chip { get; } = new(32);

    public GpioController Controller { get; }

    public SensorFeed Feed { get; }

    public SensorBank Bank { get; }

    public SensorRigHarness Started()
    {
        Bank.Start();
        return this;
    }

    public void Set(int pin, bool high) => Chip.SetInput(pin, high ? PinValue.High : PinValue.Low);

    public void Advance(int milliseconds) => Clock.Advance(TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>Advances in 1 ms steps so periodic timers (polling, blinking) fire at each of their due times.</summary>
    public void AdvanceStepwise(int milliseconds)
    {
        for (var i = 0; i < milliseconds; i++)
        {
            Clock.Advance(TimeSpan.FromMilliseconds(1));
        }
    }

    public List<SensorEvent> Drain()
    {
        var events = new List<SensorEvent>();
        while (Feed.Events.TryRead(out var e))
        {
            events.Add(e);
        }

        return events;
    }

    public void Dispose()
    {
        Bank.Dispose();
        Feed.Dispose();
        Controller.Dispose();
    }
}
