using EdgeAgent.Drivers.Sensors;

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
    public void ConsumerThatFallsBehind_LosesTheOldestEvents_AndTheFeedStaysBounded()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        using var feed = new SensorFeed(clock, capacity: 8);

        for (var i = 0; i < 1000; i++)
        {
            feed.Report(new SensorChanged("eye1", SensorRole.JamSensor, i % 2 == 0, clock.GetUtcNow()));
        }

        Assert.Equal(992, feed.DroppedEvents);
        Assert.Equal(8, feed.Events.Count);
    }
}
