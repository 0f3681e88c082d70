using System.Device.Gpio;
using System.Globalization;
using System.Net.Http.Json;
using EdgeAgent.Conveyor;
using EdgeAgent.Drivers.Printers;
using EdgeAgent.Drivers.Sensors;
using EdgeAgent.Fulfilment;
using EdgeAgent.Simulators.Printers;
using EdgeAgent.Simulators.Scanners;
using EdgeAgent.Simulators.Sensors;
using EdgeAgent.Storage;
using Floor = EdgeAgent.Events;

namespace EdgeAgent.Tests.Conveyor;

/// <summary>
/// A conveyor segment with no hardware: cartons pass a photo-eye on the simulated GPIO chip, a fixed
/// scanner reads their SSCC over MQTT, the agent prints labels on two emulated ZPL printers, one runs
/// out of paper mid-run, its job moves to the other, and the stack light shows the fault.
/// </summary>
public sealed class ConveyorSegmentTests : IAsyncLifetime
{
    private const int PhotoEyePin = 5;
    private const int RedPin = 10;
    private const int GreenPin = 12;
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(1));
    private readonly ZplPrinterEmulator _first = new(new ZplPrinterEmulatorOptions { Name = "zebra-1" });
    private readonly ZplPrinterEmulator _second = new(new ZplPrinterEmulatorOptions { Name = "zebra-2" });
    private ConveyorAgent _line = null!;
    private ConveyorScanner _scanner = null!;

    public async Task InitializeAsync()
    {
        _first.Start();
        _second.Start();
        var settings = ConveyorAgent.Settings(ConveyorAgent.NewDataDirectory("conveyor"), _first, _second);
        // Idle printers are not polled during the run: a printer's fault is found when a job is about to go to it.
        settings["Conveyor:PrinterPollMs"] = "60000";
        ConveyorAgent.AddInput(settings, 0, "pe-1", SensorRole.PhotoEye, PhotoEyePin);
        // No debounce: each edge settles on the thread that sets it. With the 3 ms default the settle is a timer, and
        // on a loaded machine it could fire after the test's 60 ms carton had already left (a short pulse, no carton).
        settings["Conveyor:PinMap:Inputs:0:DebounceMs"] = "0";
        settings["Conveyor:PinMap:StackLights:0:Name"] = "line-1";
        settings["Conveyor:PinMap:StackLights:0:RedPin"] = RedPin.ToString(CultureInfo.InvariantCulture);
        settings["Conveyor:PinMap:StackLights:0:AmberPin"] = "11";
        settings["Conveyor:PinMap:StackLights:0:GreenPin"] = GreenPin.ToString(CultureInfo.InvariantCulture);
        settings["Conveyor:PinMap:StackLights:0:BuzzerPin"] = "13";
        settings["Conveyor:FaultLight"] = "line-1";
        settings["Conveyor:IoLink:Ports:0:MasterId"] = "io-1";
        settings["Conveyor:IoLink:Ports:0:Port"] = "1";
        settings["Conveyor:IoLink:Ports:0:Name"] = "pe-io";
        ConveyorAgent.AddDevice(settings, "io-1", "iolink");
        ConveyorAgent.AddDevice(settings, "sc-1", "scanner");
        _line = await ConveyorAgent.StartAsync(settings);
        // The gateway connects after the line has opened its pins on the chip.
        _scanner = await _line.ConnectScannerAsync("sc-1", _guard.Token);
    }

    public async Task DisposeAsync()
    {
        await _scanner.DisposeAsync();
        await _line.DisposeAsync();
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        _guard.Dispose();
    }

    private ConveyorLine Line => _line.Line;

    /// <summary>The chip DI built for <c>Conveyor:Gpio=Simulated</c>: the test's hands on the sensors.</summary>
    private SimulatedGpioDriver Chip => _line.Chip;

    private DurableStore Store => _line.Store;

    [Fact]
    public async Task PaperOutMidRun_MovesTheLabelToTheSecondPrinter_LightsTheFault_AndRecordsEveryStep()
    {
        var cartons = Enumerable.Range(1, 6).Select(i => LabelCodes.Sscc(0, "0614141", 1000 + i)).ToList();
        using (var response = await _line.Agent.Http.PostAsJsonAsync("/api/cartons", cartons.Select(sscc => new NewCartonLabel(sscc, "ACME Stores", ["1 Main St", "Springfield"], "SO-" + sscc[^4..], "UPS"))))
        {
            response.EnsureSuccessStatusCode();
        }

        Assert.Equal(StackLightSignal.Normal, Line.FaultLightSignal);
        for (var i = 0; i < cartons.Count; i++)
        {
            if (i == 3)
            {
                _first.PaperOut = true;
            }

            await PassCartonAsync(cartons[i]);
        }

        Assert.Equal(3, _first.LabelsPrinted);
        Assert.Equal(3, _second.LabelsPrinted);
        Assert.Equal(StackLightSignal.Fault, Line.FaultLightSignal);
        Assert.Equal(PinValue.Low, Chip.ReadOutput(GreenPin));
        var events = Store.Read(db => new FloorCollections(db).Events.All());
        int Count(string type) => events.Count(e => e.Type == type);
        Assert.Equal(6, Count("carton.detected"));
        Assert.Equal(6, Count("carton.scanned"));
        Assert.Equal(6, Count("label.requested"));
        Assert.Equal(6, Count("label.printed"));
        Assert.Equal(cartons.ToHashSet(), events.OfType<Floor.LabelPrinted>().Select(e => e.Sscc!).ToHashSet());
        Assert.Contains(events, e => e is Floor.PrinterFaulted { DeviceId: "zebra-1" } f && f.Faults.HasFlag(PrinterFaults.PaperOut));
        Assert.Contains(events, e => e is Floor.LabelRerouted { ToPrinterId: "zebra-2" } r && r.Sscc == cartons[3]);
    }

    [Fact]
    public async Task CartonWithNoReleasedShipment_OrAnUnreadableCode_IsRecordedAndNothingPrints()
    {
        await _scanner.ReadAsync(LabelCodes.SsccRead(LabelCodes.Sscc(0, "0614141", 999)), _guard.Token);
        await _scanner.ReadAsync("]C100123456789012345678", _guard.Token);

        await WaitUntilAsync(() => Has("carton.unknown") && Has("carton.no-read"));

        Assert.Equal(0, _first.LabelsPrinted + _second.LabelsPrinted);
        var noRead = Store.Read(db => new FloorCollections(db).Events.OfType<Floor.CartonNoRead>()[0]);
        Assert.Contains("BadCheckDigit", noRead.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PhotoEyeOnAnIoLinkMaster_FeedsTheSameCartonEvents()
    {
        await WaitUntilAsync(() => Line.IoLinkConnected);
        await using var master = new IoLinkMasterPublisher("127.0.0.1", _line.Agent.BrokerPort, "site1", "io-1", ConveyorAgent.DevicePassword("io-1"));
        await master.ConnectAsync(_guard.Token);

        await master.PublishAsync(1, true, DateTimeOffset.UtcNow, _guard.Token);
        // The carton blocks the eye for a moment; the master reports both edges.
        await Task.Delay(60, _guard.Token);
        await master.PublishAsync(1, false, DateTimeOffset.UtcNow, _guard.Token);

        await WaitUntilAsync(() => Store.Read(db => new FloorCollections(db).Events.OfType<Floor.CartonDetected>().Any(e => e.DeviceId == "pe-io")));
        Assert.Equal(0, Line.IoLinkCounters!.Malformed);
    }

    private async Task PassCartonAsync(string sscc)
    {
        var detected = Store.Read(db => new FloorCollections(db).Events.Count<Floor.CartonDetected>());
        Chip.SetInput(PhotoEyePin, PinValue.High);
        // The carton physically blocks the eye for a moment; the agent measures its dwell.
        await Task.Delay(60, _guard.Token);
        Chip.SetInput(PhotoEyePin, PinValue.Low);
        await WaitUntilAsync(() => Store.Read(db => new FloorCollections(db).Events.Count<Floor.CartonDetected>()) > detected);
        await _scanner.ReadAsync(LabelCodes.SsccRead(sscc), _guard.Token);
        await WaitUntilAsync(() => Store.Read(db => new FloorCollections(db).Events.OfType<Floor.LabelPrinted>().Any(e => e.Sscc == sscc)));
    }

    private bool Has(string type) => Store.Read(db => new FloorCollections(db).Events.All().Any(e => e.Type == type));

    private async Task WaitUntilAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(20, _guard.Token);
        }
    }
}
