using EdgeAgent.Drivers.Sensors;

namespace EdgeAgent.Drivers.Tests.Sensors;

public sealed class DebounceTests
{
    private static SensorInputOptions Eye(int pin = 3, bool activeLow = false) =>
        new() { Name = "eye1", Role = SensorRole.PhotoEye, Pin = pin, ActiveLow = activeLow };

    [Fact]
    public void BounceBurst_YieldsOneChange_StampedAtTheFirstEdgeOfTheSettledLevel()
    {
        using var rig = new SensorRigHarness(Eye()).Started();

        for (var i = 0; i < 5; i++)
        {
            rig.Set(3, true);
            rig.Advance(1);
            rig.Set(3, false);
        }

        rig.Set(3, true);
        var lastEdge = rig.Clock.GetUtcNow();
        rig.Advance(10);

        var change = Assert.IsType<SensorChanged>(Assert.Single(rig.Drain()));
        Assert.True(change.Active);
        Assert.Equal(lastEdge, change.At);
        Assert.Equal(11, rig.Bank.Counters.RawEdges);
    }

    [Fact]
    public void PulseShorterThanDebounce_YieldsNoChange_AndIsCounted()
    {
        using var rig = new SensorRigHarness(Eye()).Started();

        rig.Set(3, true);
        rig.Advance(2);
        rig.Set(3, false);
        rig.Advance(10);

        Assert.Empty(rig.Drain());
        Assert.Equal(1, rig.Bank.Counters.ShortPulses);
        Assert.False(rig.Bank.IsActive("eye1"));
    }

    [Fact]
    public void LevelHeldForTheDebounce_IsReportedOnlyOnceTheDebounceHasPassed()
    {
        using var rig = new SensorRigHarness(Eye()).Started();

        rig.Set(3, true);
        rig.Advance(2);
        Assert.Empty(rig.Drain());

        rig.Advance(1);
        Assert.Single(rig.Drain());
    }

    [Theory]
    [InlineData(false, true, true)]
    [InlineData(false, false, false)]
    [InlineData(true, false, true)]
    [InlineData(true, true, false)]
    public void Polarity_DecidesWhichLevelIsActive(bool activeLow, bool levelHigh, bool expectActive)
    {
        // Start from the opposite (inactive) level so the change under test is an edge.
        using var rig = new SensorRigHarness(Eye(activeLow: activeLow));
        rig.Set(3, activeLow);
        rig.Bank.Start();
        rig.Drain();

        rig.Set(3, levelHigh);
        rig.Advance(5);

        var events = rig.Drain();
        if (expectActive)
        {
            Assert.True(Assert.IsType<SensorChanged>(Assert.Single(events)).Active);
        }
        else
        {
            Assert.Empty(events);
        }

        Assert.Equal(expectActive, rig.Bank.IsActive("eye1"));
    }

    [Fact]
    public void DoorSwitch_DefaultsToTensOfMillisecondsOfDebounce()
    {
        using var rig = new SensorRigHarness(new SensorInputOptions { Name = "dock1-door", Role = SensorRole.DoorSwitch, Pin = 5 }).Started();

        rig.Set(5, true);
        rig.Advance(20);
        Assert.Empty(rig.Drain());

        rig.Advance(10);
        var change = Assert.IsType<SensorChanged>(Assert.Single(rig.Drain()));
        Assert.Equal(SensorRole.DoorSwitch, change.Role);
    }

    [Fact]
    public void InputAlreadyActiveAtStart_IsReportedOnce()
    {
        using var rig = new SensorRigHarness(Eye());
        rig.Set(3, true);
        rig.Bank.Start();

        var change = Assert.IsType<SensorChanged>(Assert.Single(rig.Drain()));
        Assert.True(change.Active);
    }

    [Fact]
    public void PullUpInput_IsOpenedWithThePullUpMode()
    {
        using var rig = new SensorRigHarness(new SensorInputOptions { Name = "eye1", Pin = 3, Pull = InputPull.Up, ActiveLow = true }).Started();

        Assert.Equal(System.Device.Gpio.PinMode.InputPullUp, rig.Chip.ModeOf(3));
        Assert.Empty(rig.Drain());
    }
}
