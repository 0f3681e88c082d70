using System.Device.Gpio;
using System.Globalization;
using EdgeAgent.Drivers.Sensors;
using EdgeAgent.Exceptions;
using EdgeAgent.Simulators.Printers;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.Conveyor;

/// <summary>A dock door on the simulated GPIO rig of the running agent: left open too long it raises an exception, and closing it clears that exception.</summary>
public sealed class DoorExceptionTests : IAsyncLifetime
{
    private const int DoorPin = 7;
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(1));
    private readonly ZplPrinterEmulator _printer = new(new ZplPrinterEmulatorOptions { Name = "zebra-1" });
    private RunningAgent _agent = null!;

    public async Task InitializeAsync()
    {
        _printer.Start();
        var settings = RunningAgent.Settings(Directory.CreateTempSubdirectory("edgeagent-door-").FullName);
        settings["Conveyor:Enabled"] = "true";
        settings["Conveyor:Gpio"] = "Simulated";
        settings["Conveyor:Printers:0:Id"] = "zebra-1";
        settings["Conveyor:Printers:0:Host"] = "127.0.0.1";
        settings["Conveyor:Printers:0:Port"] = _printer.Port.ToString(CultureInfo.InvariantCulture);
        settings["Conveyor:PinMap:Inputs:0:Name"] = "dock-3";
        settings["Conveyor:PinMap:Inputs:0:Role"] = "DoorSwitch";
        settings["Conveyor:PinMap:Inputs:0:Pin"] = DoorPin.ToString(CultureInfo.InvariantCulture);
        settings["Conveyor:PinMap:Inputs:0:DebounceMs"] = "5";
        settings["Conveyor:PinMap:Inputs:0:OpenTooLongMs"] = "100";
        _agent = await RunningAgent.StartAsync(settings, ownsDirectory: true);
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        await _printer.DisposeAsync();
        _guard.Dispose();
    }

    [Fact]
    public async Task DoorLeftOpen_RaisesTheException_AndClosingTheDoorClearsIt()
    {
        var chip = _agent.Services.GetRequiredService<SimulatedGpioDriver>();
        var store = _agent.Services.GetRequiredService<DurableStore>();
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
