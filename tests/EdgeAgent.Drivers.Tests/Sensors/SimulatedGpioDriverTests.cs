using System.Device.Gpio;
using EdgeAgent.Drivers.Sensors;

namespace EdgeAgent.Drivers.Tests.Sensors;

public sealed class SimulatedGpioDriverTests
{
    [Fact]
    public void InputLevels_SetByTheSimulator_AreReadThroughGpioController()
    {
        using var chip = new SimulatedGpioDriver(8);
        using var controller = new GpioController(chip);
        controller.OpenPin(2, PinMode.Input);

        chip.SetInput(2, PinValue.High);

        Assert.Equal(8, controller.PinCount);
        Assert.Equal(PinValue.High, controller.Read(2));
    }

    [Fact]
    public void UndrivenInput_FollowsItsPullResistor()
    {
        using var chip = new SimulatedGpioDriver(8);
        using var controller = new GpioController(chip);
        controller.OpenPin(1, PinMode.InputPullUp);
        controller.OpenPin(2, PinMode.InputPullDown);

        Assert.Equal(PinValue.High, controller.Read(1));
        Assert.Equal(PinValue.Low, controller.Read(2));
    }

    [Fact]
    public void Outputs_WrittenThroughGpioController_AreReadBackBySimulator()
    {
        using var chip = new SimulatedGpioDriver(8);
        using var controller = new GpioController(chip);
        controller.OpenPin(5, PinMode.Output);

        controller.Write(5, PinValue.High);

        Assert.Equal(PinValue.High, chip.ReadOutput(5));
    }

    [Fact]
    public void Callbacks_SeeOnlyTheEdgesTheyAskedFor_AndNoEdgeForTheSameLevel()
    {
        using var chip = new SimulatedGpioDriver(8);
        using var controller = new GpioController(chip);
        controller.OpenPin(3, PinMode.Input);
        var rising = new List<int>();
        var all = new List<PinEventTypes>();
        controller.RegisterCallbackForPinValueChangedEvent(3, PinEventTypes.Rising, (_, e) => rising.Add(e.PinNumber));
        controller.RegisterCallbackForPinValueChangedEvent(3, PinEventTypes.Rising | PinEventTypes.Falling, (_, e) => all.Add(e.ChangeType));

        chip.SetInput(3, PinValue.High);
        chip.SetInput(3, PinValue.High);
        chip.SetInput(3, PinValue.Low);

        Assert.Equal([3], rising);
        Assert.Equal([PinEventTypes.Rising, PinEventTypes.Falling], all);
    }

    [Fact]
    public async Task WaitForEvent_ReturnsTheEdge_OrTimesOutWhenItsTokenIsCancelled()
    {
        using var chip = new SimulatedGpioDriver(8);
        using var controller = new GpioController(chip);
        controller.OpenPin(4, PinMode.Input);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.True(controller.WaitForEvent(4, PinEventTypes.Rising, cancelled.Token).TimedOut);

        var waiting = Task.Run(() => controller.WaitForEvent(4, PinEventTypes.Falling, Infrastructure.Guard.Token()));
        // The waiter registers on another thread; keep toggling until it has seen a falling edge.
        while (!waiting.IsCompleted)
        {
            chip.SetInput(4, PinValue.High);
            chip.SetInput(4, PinValue.Low);
            await Task.Yield();
        }

        var result = await waiting;
        Assert.False(result.TimedOut);
        Assert.Equal(PinEventTypes.Falling, result.EventTypes);
    }
}
