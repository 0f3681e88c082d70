using EdgeAgent.Drivers.Sensors;
using EdgeAgent.Simulators.Sensors;

namespace EdgeAgent.Drivers.Tests.Sensors;

/// <summary>The sensor rig's scenarios played onto the simulated chip, read by the real sensor bank.</summary>
public sealed class ConveyorRigTests
{
    private static SensorRigHarness Bank() => new SensorRigHarness(
        new SensorInputOptions { Name = "c1-eye1", Role = SensorRole.PhotoEye, Pin = 3 },
        new SensorInputOptions { Name = "c1-eye2", Role = SensorRole.PhotoEye, Pin = 4 },
        new SensorInputOptions { Name = "dock1-door", Role = SensorRole.DoorSwitch, Pin = 9, OpenTooLongMs = 20_000 }).Started();

    private static List<SensorEvent> Play(SensorRigHarness harness, ConveyorScenario scenario)
    {
        var rig = new SensorRig(harness.Chip, ConveyorScript.Build(scenario), harness.Clock);
        var step = TimeSpan.FromTicks(TimeSpan.TicksPerMillisecond / 10);
        var end = rig.Duration + TimeSpan.FromSeconds(1);
        for (var t = TimeSpan.Zero; t < end; t += step)
        {
            harness.Clock.Advance(step);
            rig.ApplyDue();
        }

        return harness.Drain();
    }

    [Fact]
    public void CartonsAtBeltSpeed_AreEachDetectedOnceAtEveryEye_WithDwellFromLengthOverSpeed_DespiteBounce()
    {
        using var harness = Bank();
        var scenario = new ConveyorScenario { EyePins = [3, 4], Cartons = 5, BeltSpeedMetersPerSecond = 2.0, CartonLengthMeters = 0.5, GapMeters = 0.3, BouncePulses = 3 };

        var cartons = Play(harness, scenario).OfType<CartonDetected>().ToList();

        Assert.Equal(5, cartons.Count(c => c.Sensor == "c1-eye1"));
        Assert.Equal(5, cartons.Count(c => c.Sensor == "c1-eye2"));
        Assert.All(cartons, c => Assert.InRange(c.Dwell.TotalMilliseconds, 249.5, 250.5));
        Assert.True(harness.Bank.Counters.RawEdges > harness.Bank.Counters.Changes);
    }

    [Fact]
    public void CartonHeldOnTheFirstEye_IsAJam_ThatClearsWhenItMovesOn()
    {
        using var harness = Bank();
        var scenario = new ConveyorScenario { EyePins = [3, 4], Cartons = 3, JamCarton = 1, JamDuration = TimeSpan.FromSeconds(6) };

        var events = Play(harness, scenario);

        Assert.Equal("c1-eye1", Assert.Single(events.OfType<JamDetected>()).Sensor);
        Assert.InRange(Assert.Single(events.OfType<JamCleared>()).BlockedFor.TotalSeconds, 6.2, 6.3);
        Assert.Equal(2, events.OfType<CartonDetected>().Count(c => c.Sensor == "c1-eye1"));
        Assert.Equal(3, events.OfType<CartonDetected>().Count(c => c.Sensor == "c1-eye2"));
    }

    [Fact]
    public void DockDoorLeftOpen_IsReportedOnce()
    {
        using var harness = Bank();
        var scenario = new ConveyorScenario { Cartons = 0, DoorPin = 9, DoorOpenFor = TimeSpan.FromSeconds(25), BouncePulses = 2 };

        var events = Play(harness, scenario);

        Assert.Single(events.OfType<DoorOpenTooLong>());
        Assert.Equal(2, events.OfType<SensorChanged>().Count(c => c.Sensor == "dock1-door"));
    }
}
