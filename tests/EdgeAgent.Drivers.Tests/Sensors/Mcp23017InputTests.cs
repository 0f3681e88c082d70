using System.Device.Gpio;
using EdgeAgent.Drivers.Sensors;
using Iot.Device.Mcp23xxx;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Drivers.Tests.Sensors;

/// <summary>The same debounced-input code on an MCP23017 expander: the real binding over a fake I²C chip, polled.</summary>
public sealed class Mcp23017InputTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new();
    private readonly FakeMcp23017Chip _chip = new();
    private readonly GpioController _controller;
    private readonly SensorFeed _feed;

    public Mcp23017InputTests()
    {
        _controller = new GpioController(new Mcp23017(_chip));
        _feed = new SensorFeed(_clock);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(9)]
    public void ExpanderPin_ReadsThroughTheSameDebounce_OnPortAAndPortB(int pin)
    {
        using var bank = Bank(new SensorInputOptions { Name = "c2-eye", Pin = pin });
        bank.Start();

        _chip.SetInput(pin, true);
        Step(1);
        _chip.SetInput(pin, false);
        Step(1);
        _chip.SetInput(pin, true);
        Step(10);

        var change = Assert.IsType<SensorChanged>(Assert.Single(Drain()));
        Assert.True(change.Active);
        Assert.True(bank.IsActive("c2-eye"));
    }

    [Fact]
    public void ExpanderInputWithPullUp_SetsThePullUpRegister_AndReadsActiveLow()
    {
        using var bank = Bank(new SensorInputOptions { Name = "dock2-door", Role = SensorRole.DoorSwitch, Pin = 1, Pull = InputPull.Up, ActiveLow = true });
        _chip.SetInput(1, true);
        bank.Start();

        Assert.Equal(0b0000_0010, _chip.Register(FakeMcp23017Chip.Gppua) & 0b0000_0010);

        _chip.SetInput(1, false);
        Step(40);

        var change = Assert.IsType<SensorChanged>(Assert.Single(Drain()));
        Assert.True(change.Active);
    }

    [Fact]
    public void PulseShorterThanDebounce_OnTheExpander_YieldsNoChange()
    {
        using var bank = Bank(new SensorInputOptions { Name = "c2-eye", Pin = 4 });
        bank.Start();

        _chip.SetInput(4, true);
        Step(2);
        _chip.SetInput(4, false);
        Step(10);

        Assert.Empty(Drain());
        Assert.Equal(1, bank.Counters.ShortPulses);
    }

    public void Dispose()
    {
        _feed.Dispose();
        _controller.Dispose();
    }

    private SensorBank Bank(SensorInputOptions input) =>
        new(_controller, new SensorPinMapOptions { Inputs = [input], PollIntervalMs = 1 }, _feed, _clock);

    private void Step(int milliseconds)
    {
        for (var i = 0; i < milliseconds; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(1));
        }
    }

    private List<SensorEvent> Drain()
    {
        var events = new List<SensorEvent>();
        while (_feed.Events.TryRead(out var e))
        {
            events.Add(e);
        }

        return events;
    }
}
