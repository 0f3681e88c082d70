using System.Device.Gpio;
using EdgeAgent.Drivers.Sensors;
using EdgeAgent.Exceptions;
using EdgeAgent.Simulators.Printers;
using EdgeAgent.Tests.Hosting;

namespace EdgeAgent.Tests.Conveyor;

/// <summary>A dock door on the simulated GPIO rig of the running agent: left open too long it raises an exception, and closing it clears that exception.</summary>
public sealed class DoorExceptionTests : IAsyncLifetime
{
    private const int DoorPin = 7;
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(1));
    private readonly ZplPrinterEmulator _printer = new(new ZplPrinterEmulatorOptions { Name = "zebra-1" });
    private ConveyorAgent _line = null!;

    public async Task InitializeAsync()
    {
        _printer.Start();
        var settings = ConveyorAgent.Settings(ConveyorAgent.NewDataDirectory("door"), _printer);
        ConveyorAgent.AddInput(settings, 0, "dock-3", SensorRole.DoorSwitch, DoorPin);
        settings["Conveyor:PinMap:Inputs:0:DebounceMs"] = "5";
        settings["Conveyor:PinMap:Inputs:0:OpenTooLongMs"] = "100";
        _line = await ConveyorAgent.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await _line.DisposeAsync();
        await _printer.DisposeAsync();
        _guard.Dispose();
    }

    [Fact]
    public async Task DoorLeftOpen_RaisesTheException_AndClosingTheDoorClearsIt()
    {
        // Set right after the start, as the flaky run did: the line may still be opening its pins on its own thread.
        var chip = _line.Chip;
        var store = _line.Store;
        ExceptionCase? Door() => store.Read(db => ExceptionBook.Cases(db).FindAll().SingleOrDefault(c => c.Type == ExceptionTypes.DoorOpen));

        chip.SetInput(DoorPin, PinValue.High);
        await GovernedRecord.WaitUntilAsync(() => Door() is { Status: ExceptionStatus.Open }, _guard.Token);
        chip.SetInput(DoorPin, PinValue.Low);
        await GovernedRecord.WaitUntilAsync(() => Door() is { Status: ExceptionStatus.Resolved }, _guard.Token);

        var cleared = Door()!;
        Assert.Equal((ExceptionOptions.AutoCleared, (string?)null), (cleared.ResolutionCode, cleared.ResolvedBy));
        var closed = store.Read(db => new EdgeAgent.Fulfilment.FloorCollections(db).Events.OfType<EdgeAgent.Events.DoorClosed>().Single());
        Assert.Equal("dock-3", closed.DeviceId);
    }
}
