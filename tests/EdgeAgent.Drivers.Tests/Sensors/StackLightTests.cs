using System.Device.Gpio;
using EdgeAgent.Drivers.Sensors;

namespace EdgeAgent.Drivers.Tests.Sensors;

public sealed class StackLightTests
{
    private const int Red = 10;
    private const int Amber = 11;
    private const int Green = 12;
    private const int Buzzer = 13;

    private static SensorRigHarness Rig(bool activeLow = false) => new SensorRigHarness(new SensorPinMapOptions
    {
        StackLights =
        [
            new StackLightOptions { Name = "c1-tower", RedPin = Red, AmberPin = Amber, GreenPin = Green, BuzzerPin = Buzzer, BlinkPeriodMs = 1000, ActiveLow = activeLow },
        ],
    }).Started();

    [Fact]
    public void Normal_IsGreenSteady_AndEverythingElseOff()
    {
        using var rig = Rig();
        var light = rig.Bank.StackLights["c1-tower"];

        light.Set(StackLightSignal.Normal);
        rig.AdvanceStepwise(3_000);

        Assert.Equal(PinValue.High, rig.Chip.ReadOutput(Green));
        Assert.Equal(PinValue.Low, rig.Chip.ReadOutput(Red));
        Assert.Equal(PinValue.Low, rig.Chip.ReadOutput(Amber));
        Assert.Equal(PinValue.Low, rig.Chip.ReadOutput(Buzzer));
    }

    [Fact]
    public void Fault_BlinksRedWithTheBuzzerInStep_OverTheDrivenClock()
    {
        using var rig = Rig();
        var light = rig.Bank.StackLights["c1-tower"];
        light.Set(StackLightSignal.Normal);

        light.Set(StackLightSignal.Fault);
        var samples = new List<(PinValue Red, PinValue Buzzer)>();
        for (var i = 0; i < 8; i++)
        {
            samples.Add((rig.Chip.ReadOutput(Red), rig.Chip.ReadOutput(Buzzer)));
            rig.Advance(500);
        }

        Assert.Equal(
            [PinValue.High, PinValue.Low, PinValue.High, PinValue.Low, PinValue.High, PinValue.Low, PinValue.High, PinValue.Low],
            samples.Select(s => s.Red));
        Assert.All(samples, s => Assert.Equal(s.Red, s.Buzzer));
        Assert.Equal(PinValue.Low, rig.Chip.ReadOutput(Green));
    }

    [Fact]
    public void BlinkPeriod_IsConfigurablePerOutput()
    {
        using var rig = Rig();
        var amber = rig.Bank.StackLights["c1-tower"].Amber!;

        amber.Set(OutputPattern.Blink(TimeSpan.FromMilliseconds(200)));
        rig.Advance(99);
        Assert.True(amber.IsOn);
        rig.Advance(1);
        Assert.False(amber.IsOn);
        rig.Advance(100);
        Assert.True(amber.IsOn);
    }

    [Fact]
    public void SettingTheSameSignalAgain_KeepsTheBlinkPhase()
    {
        using var rig = Rig();
        var light = rig.Bank.StackLights["c1-tower"];
        light.Set(StackLightSignal.Fault);
        rig.Advance(400);

        light.Set(StackLightSignal.Fault);
        rig.Advance(100);

        Assert.Equal(PinValue.Low, rig.Chip.ReadOutput(Red));
    }

    [Fact]
    public void ActiveLowTower_DrivesItsLampsLow()
    {
        using var rig = Rig(activeLow: true);
        Assert.Equal(PinValue.High, rig.Chip.ReadOutput(Green));

        rig.Bank.StackLights["c1-tower"].Set(StackLightSignal.Normal);

        Assert.Equal(PinValue.Low, rig.Chip.ReadOutput(Green));
        Assert.Equal(PinValue.High, rig.Chip.ReadOutput(Red));
    }

    [Fact]
    public void Off_StopsBlinkingAndSilencesTheBuzzer()
    {
        using var rig = Rig();
        var light = rig.Bank.StackLights["c1-tower"];
        light.Set(StackLightSignal.Fault);

        light.Set(StackLightSignal.Off);
        rig.Advance(500);
        rig.Advance(500);

        Assert.Equal(PinValue.Low, rig.Chip.ReadOutput(Red));
        Assert.Equal(PinValue.Low, rig.Chip.ReadOutput(Buzzer));
    }
}
