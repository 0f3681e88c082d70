using System.ComponentModel.DataAnnotations;
using EdgeAgent.Drivers.Sensors;

namespace EdgeAgent.Drivers.Tests.Sensors;

public sealed class SensorPinMapOptionsTests
{
    private static List<ValidationResult> Validate(SensorPinMapOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void WellFormedPinMap_IsValid()
    {
        var options = new SensorPinMapOptions
        {
            Inputs = [new SensorInputOptions { Name = "eye1", Pin = 3 }, new SensorInputOptions { Name = "door1", Role = SensorRole.DoorSwitch, Pin = 4 }],
            StackLights = [new StackLightOptions { Name = "tower1", RedPin = 10, GreenPin = 12 }],
        };

        Assert.Empty(Validate(options));
    }

    [Fact]
    public void PinUsedTwice_IsRejected()
    {
        var options = new SensorPinMapOptions
        {
            Inputs = [new SensorInputOptions { Name = "eye1", Pin = 3 }],
            StackLights = [new StackLightOptions { Name = "tower1", RedPin = 3 }],
        };

        Assert.Contains(Validate(options), r => r.ErrorMessage!.Contains("Pin 3", StringComparison.Ordinal));
    }

    [Fact]
    public void NameUsedTwice_IsRejected()
    {
        var options = new SensorPinMapOptions { Inputs = [new SensorInputOptions { Name = "eye1", Pin = 3 }, new SensorInputOptions { Name = "eye1", Pin = 4 }] };

        Assert.Contains(Validate(options), r => r.ErrorMessage!.Contains("eye1", StringComparison.Ordinal));
    }

    [Fact]
    public void InvalidInput_IsReportedWithItsName()
    {
        var options = new SensorPinMapOptions { Inputs = [new SensorInputOptions { Name = "eye 1", Pin = -1, DebounceMs = 60_000 }] };

        Assert.True(Validate(options).Count >= 3);
    }

    [Fact]
    public void SensorBank_RefusesAnInvalidPinMap()
    {
        using var chip = new SimulatedGpioDriver();
        using var controller = new System.Device.Gpio.GpioController(chip);
        using var feed = new SensorFeed(TimeProvider.System);
        var options = new SensorPinMapOptions { Inputs = [new SensorInputOptions { Name = "eye1", Pin = 3 }, new SensorInputOptions { Name = "eye2", Pin = 3 }] };

        Assert.Throws<ValidationException>(() => new SensorBank(controller, options, feed, TimeProvider.System));
    }

    [Fact]
    public void RoleDefaults_FollowTheFloor_ThreeMillisecondEyesTensOfMillisecondDoorsFiveSecondJams()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(3), new SensorInputOptions { Role = SensorRole.PhotoEye }.Debounce);
        Assert.Equal(TimeSpan.FromMilliseconds(30), new SensorInputOptions { Role = SensorRole.DoorSwitch }.Debounce);
        Assert.Equal(TimeSpan.FromSeconds(5), new SensorInputOptions { Role = SensorRole.JamSensor }.Timings.JamAfter);
    }
}
