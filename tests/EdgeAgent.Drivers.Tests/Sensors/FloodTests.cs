using System.Device.Gpio;
using EdgeAgent.Drivers.Sensors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Drivers.Tests.Sensors;

public sealed class FloodTests
{
    [Fact]
    public void FloodOfEdgesWithinTheDebounce_IsCountedAndSettlesToOneChange()
    {
        using var rig = new SensorRigHarness(new SensorInputOptions { Name = "eye1", Pin = 3 }).Started();

        // 100 000 edges with no time passing: a chattering contact or a noisy line.
        for (var i = 0; i < 50_000; i++)
        {
            rig.Set(3, true);
            rig.Set(3, false);
        }

        rig.Set(3, true);
        rig.Advance(5);

        var counters = rig.Bank.Counters;
        Assert.Equal(100_001, counters.RawEdges);
        Assert.Equal(1, counters.BounceFloods);
        Assert.Single(rig.Drain());
    }

    [Fact]
    public void RepeatedFloods_AreLoggedOncePerMinutePerSensor_WithTheHeldBackCount()
    {
        var clock = new FakeTimeProvider();
        var logger = new CountingLogger();
        using var chip = new SimulatedGpioDriver(8);
        using var controller = new GpioController(chip);
        using var feed = new SensorFeed(clock);
        using var bank = new SensorBank(controller, new SensorPinMapOptions { Inputs = [new SensorInputOptions { Name = "eye1", Pin = 3 }], FloodEdges = 4 }, feed, clock, logger);
        bank.Start();

        // 100 separate floods, 10 ms apart: each settles, then chatters again.
        for (var flood = 0; flood < 100; flood++)
        {
            for (var i = 0; i < 4; i++)
            {
                chip.SetInput(3, i % 2 == 0 ? PinValue.High : PinValue.Low);
            }

            clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.Equal(100, bank.Counters.BounceFloods);
        Assert.Equal(1, logger.Warnings);

        clock.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 4; i++)
        {
            chip.SetInput(3, i % 2 == 0 ? PinValue.High : PinValue.Low);
        }

        Assert.Equal(2, logger.Warnings);
        Assert.Contains("99 similar warnings", logger.Last, StringComparison.Ordinal);
    }

    [Fact]
    public void ConsumerThatFallsBehind_LosesTheOldestEvents_AndTheFeedStaysBounded()
    {
        var clock = new FakeTimeProvider();
        using var feed = new SensorFeed(clock, capacity: 8);

        for (var i = 0; i < 1000; i++)
        {
            feed.Report(new SensorChanged("eye1", SensorRole.JamSensor, i % 2 == 0, clock.GetUtcNow()));
        }

        Assert.Equal(992, feed.DroppedEvents);
        Assert.Equal(8, feed.Events.Count);
    }

    private sealed class CountingLogger : ILogger<SensorBank>
    {
        public int Warnings { get; private set; }

        public string Last { get; private set; } = "";

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings++;
                Last = formatter(state, exception);
            }
        }
    }
}
