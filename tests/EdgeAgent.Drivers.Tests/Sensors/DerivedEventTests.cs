using EdgeAgent.Drivers.Sensors;

namespace EdgeAgent.Drivers.Tests.Sensors;

public sealed class DerivedEventTests
{
    private static SensorInputOptions Eye() => new() { Name = "c1-eye1", Role = SensorRole.PhotoEye, Pin = 3, CartonMinDwellMs = 50 };

    private static SensorInputOptions Door() => new() { Name = "dock4-door", Role = SensorRole.DoorSwitch, Pin = 7, OpenTooLongMs = 60_000 };

    [Fact]
    public void EyeBlockedLongerThanTheCartonDwell_ReportsACartonWithItsDwell()
    {
        using var rig = new SensorRigHarness(Eye()).Started();
        var arrived = rig.Clock.GetUtcNow();

        rig.Set(3, true);
        rig.Advance(400);
        rig.Set(3, false);
        rig.Advance(10);

        var carton = Assert.Single(rig.Drain().OfType<CartonDetected>());
        Assert.Equal(arrived, carton.At);
        Assert.Equal(TimeSpan.FromMilliseconds(400), carton.Dwell);
    }

    [Fact]
    public void EyeBlockedShorterThanTheCartonDwell_ReportsTheEdgesButNoCarton()
    {
        using var rig = new SensorRigHarness(Eye()).Started();

        rig.Set(3, true);
        rig.Advance(20);
        rig.Set(3, false);
        rig.Advance(10);

        var events = rig.Drain();
        Assert.Equal(2, events.OfType<SensorChanged>().Count());
        Assert.Empty(events.OfType<CartonDetected>());
    }

    [Fact]
    public void ZoneBlockedFiveSeconds_IsAJam_AndClearingItReportsHowLongItWasBlocked()
    {
        using var rig = new SensorRigHarness(Eye()).Started();
        var blocked = rig.Clock.GetUtcNow();

        rig.Set(3, true);
        rig.Advance(4_999);
        Assert.Empty(rig.Drain().OfType<JamDetected>());

        rig.Advance(1);
        var jam = Assert.Single(rig.Drain().OfType<JamDetected>());
        Assert.Equal(blocked, jam.BlockedSince);
        Assert.Equal(blocked.AddSeconds(5), jam.At);

        rig.Advance(3_000);
        rig.Set(3, false);
        rig.Advance(10);

        var events = rig.Drain();
        var cleared = Assert.Single(events.OfType<JamCleared>());
        Assert.Equal(TimeSpan.FromSeconds(8), cleared.BlockedFor);
        Assert.Empty(events.OfType<CartonDetected>());
    }

    [Fact]
    public void JamSensor_HasNoCartonEvents_ButTheSameJamTimer()
    {
        using var rig = new SensorRigHarness(new SensorInputOptions { Name = "z2-jam", Role = SensorRole.JamSensor, Pin = 4, JamAfterMs = 2_000 }).Started();

        rig.Set(4, true);
        rig.Advance(2_000);
        rig.Set(4, false);
        rig.Advance(10);

        var events = rig.Drain();
        Assert.Single(events.OfType<JamDetected>());
        Assert.Single(events.OfType<JamCleared>());
        Assert.Empty(events.OfType<CartonDetected>());
    }

    [Fact]
    public void DoorOpenPastItsLimit_IsReportedOnce_AndNotAgainUntilItReopens()
    {
        using var rig = new SensorRigHarness(Door()).Started();
        var opened = rig.Clock.GetUtcNow();

        rig.Set(7, true);
        rig.Advance(60_000);
        var late = Assert.Single(rig.Drain().OfType<DoorOpenTooLong>());
        Assert.Equal(opened, late.OpenSince);
        Assert.Equal(TimeSpan.FromMinutes(1), late.OpenFor);

        rig.Advance(600_000);
        Assert.Empty(rig.Drain().OfType<DoorOpenTooLong>());

        rig.Set(7, false);
        rig.Advance(100);
        rig.Set(7, true);
        rig.Advance(60_000);
        Assert.Single(rig.Drain().OfType<DoorOpenTooLong>());
    }

    [Fact]
    public void DoorClosedBeforeItsLimit_RaisesNothingButItsEdges()
    {
        using var rig = new SensorRigHarness(Door()).Started();

        rig.Set(7, true);
        rig.Advance(59_000);
        rig.Set(7, false);
        rig.Advance(120_000);

        var events = rig.Drain();
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.IsType<SensorChanged>(e));
    }

    [Fact]
    public void DoorFoundOpenAtStart_StillTimesOut()
    {
        using var rig = new SensorRigHarness(Door());
        rig.Set(7, true);
        rig.Bank.Start();

        rig.Advance(60_000);

        Assert.Single(rig.Drain().OfType<DoorOpenTooLong>());
    }
}
