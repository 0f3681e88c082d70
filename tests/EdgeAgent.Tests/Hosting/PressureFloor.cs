using System.Device.Gpio;
using System.Globalization;
using EdgeAgent.Conveyor;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Drivers.Sensors;
using EdgeAgent.Fulfilment;
using EdgeAgent.Simulators.Handhelds;
using EdgeAgent.Simulators.Printers;
using EdgeAgent.Simulators.Sensors;
using EdgeAgent.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.Hosting;

/// <summary>
/// A small floor for the pressure tests: one handheld, a conveyor with a photo-eye on the simulated GPIO chip,
/// an IO-Link photo-eye, and one emulated ZPL printer polled often, so every background loop has work to store.
/// </summary>
internal sealed class PressureFloor : IAsyncDisposable
{
    public const int PhotoEyePin = 5;
    public const string Handheld = "hh-1";

    /// <summary>The line's fault while the GPIO photo-eye is jammed.</summary>
    public const string JamFault = "jam:pe-1";
    private readonly CancellationToken _ct;

    private PressureFloor(RunningAgent agent, ZplPrinterEmulator printer, HandheldClient handheld, CancellationToken ct)
    {
        Agent = agent;
        Printer = printer;
        Hand = handheld;
        _ct = ct;
    }

    public RunningAgent Agent { get; }

    public ZplPrinterEmulator Printer { get; }

    public HandheldClient Hand { get; }

    public ConveyorLine Line => Agent.Services.GetRequiredService<ConveyorLine>();

    public DurableStore Store => Agent.Services.GetRequiredService<DurableStore>();

    private SimulatedGpioDriver Chip => Agent.Services.GetRequiredService<SimulatedGpioDriver>();

    /// <summary>Starts the floor; <paramref name="configure"/> adds the settings under test (quota, uplink, disk floor).</summary>
    public static async Task<PressureFloor> StartAsync(string dataDirectory, Action<Dictionary<string, string>> configure, CancellationToken ct)
    {
        var printer = new ZplPrinterEmulator(new ZplPrinterEmulatorOptions { Name = "zebra-1" });
        printer.Start();
        var settings = RunningAgent.Settings(dataDirectory, Handheld);
        settings["Conveyor:Enabled"] = "true";
        settings["Conveyor:Gpio"] = "Simulated";
        settings["Conveyor:PrinterPollMs"] = "100";
        settings["Conveyor:Printers:0:Id"] = "zebra-1";
        settings["Conveyor:Printers:0:Host"] = "127.0.0.1";
        settings["Conveyor:Printers:0:Port"] = printer.Port.ToString(CultureInfo.InvariantCulture);
        settings["Conveyor:PinMap:Inputs:0:Name"] = "pe-1";
        settings["Conveyor:PinMap:Inputs:0:Role"] = "PhotoEye";
        settings["Conveyor:PinMap:Inputs:0:Pin"] = PhotoEyePin.ToString(CultureInfo.InvariantCulture);
        settings["Conveyor:PinMap:Inputs:0:JamAfterMs"] = "400";
        settings["Conveyor:IoLink:Ports:0:MasterId"] = "io-1";
        settings["Conveyor:IoLink:Ports:0:Port"] = "1";
        settings["Conveyor:IoLink:Ports:0:Name"] = "pe-io";
        settings["Broker:Clients:io-1:Kind"] = "iolink";
        settings["Broker:Clients:io-1:PasswordHash"] = PasswordHash.Create("pw-io-1", PasswordHash.MinimumIterations);
        configure(settings);
        RunningAgent agent;
        try
        {
            agent = await RunningAgent.StartAsync(settings);
        }
        catch
        {
            await printer.DisposeAsync();
            throw;
        }

        var handheld = new HandheldClient(
            new HandheldClientOptions { Host = "127.0.0.1", Port = agent.BrokerPort, Site = "site1", DeviceId = Handheld, Password = RunningAgent.Password(Handheld) },
            TimeProvider.System);
        await handheld.ConnectAsync(ct);
        var floor = new PressureFloor(agent, printer, handheld, ct);
        await floor.WaitUntilAsync(() => floor.Line.IoLinkConnected);
        return floor;
    }

    /// <summary>
    /// A carton blocks the GPIO photo-eye for the minimum dwell and until the line has seen it blocked, moves on, and the line has handled its
    /// pulse (stored, shed or refused): waits on the line's counts, not a clock, so a loaded machine misses no pulse. Returns true when the
    /// line took it as a carton; false when the machine held the eye blocked past the jam limit (400 ms), so the line took a jam, and then
    /// only once the line has also handled the jam's clearing (so nothing of this pass is still on its way when the caller goes on).
    /// </summary>
    public async Task<bool> PassCartonAsync()
    {
        long blocks = Line.PhotoEyeBlocks, pulses = Line.PhotoEyePulses, jams = Line.Jams;
        Chip.SetInput(PhotoEyePin, PinValue.High);
        // Blocked at least the line's minimum carton dwell (20 ms) and until the line has seen it blocked.
        await Task.Delay(40, _ct);
        await WaitUntilAsync(() => Line.PhotoEyeBlocks > blocks);
        Chip.SetInput(PhotoEyePin, PinValue.Low);
        await WaitUntilAsync(() => Line.PhotoEyePulses > pulses);
        if (Line.Jams == jams)
        {
            return true;
        }

        await WaitUntilJamClearedAsync();
        return false;
    }

    /// <summary>
    /// A carton stops on the GPIO photo-eye until the line's jam limit passes; returns once the line has handled the jam (its event stored
    /// or refused). <see cref="ClearJamAsync"/> moves it on.
    /// </summary>
    public async Task JamAsync()
    {
        long jams = Line.Jams;
        Chip.SetInput(PhotoEyePin, PinValue.High);
        await WaitUntilAsync(() => Line.Jams > jams);
    }

    /// <summary>The jammed carton moves on; returns once the line has handled the clearing (its event stored or refused).</summary>
    public async Task ClearJamAsync()
    {
        Chip.SetInput(PhotoEyePin, PinValue.Low);
        await WaitUntilJamClearedAsync();
    }

    // The line lifts the jam's fault as it starts handling the clearing and is quiet once that is recorded or refused.
    private Task WaitUntilJamClearedAsync() => WaitUntilAsync(() => !Line.ActiveFaults.Contains(JamFault) && Line.SensorsQuiet);

    /// <summary>A carton passes the IO-Link master's photo-eye; returns once the line has handled its pulse (stored, shed or refused).</summary>
    public async Task PassIoLinkCartonAsync()
    {
        // The embedded broker admits an IO-Link master only once the line's session reads them.
        await WaitUntilAsync(() => Line.IoLinkConnected);
        long pulses = Line.PhotoEyePulses;
        await using var master = new IoLinkMasterPublisher("127.0.0.1", Agent.BrokerPort, "site1", "io-1", "pw-io-1");
        await master.ConnectAsync(_ct);
        await master.PublishAsync(1, true, DateTimeOffset.UtcNow, _ct);
        await Task.Delay(40, _ct);
        await master.PublishAsync(1, false, DateTimeOffset.UtcNow, _ct);
        await WaitUntilAsync(() => Line.PhotoEyePulses > pulses);
    }

    public int Stored(string type) => Store.Read(db => new FloorCollections(db).Events.All().Count(e => e.Type == type));

    public async Task WaitUntilAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(20, _ct);
        }
    }

    public async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        while (!await condition())
        {
            await Task.Delay(20, _ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Hand.DisposeAsync();
        await Agent.DisposeAsync();
        await Printer.DisposeAsync();
    }
}
