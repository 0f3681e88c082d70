using System.Device.Gpio;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using EdgeAgent.Drivers.Sensors;
using EdgeAgent.Fulfilment;
using EdgeAgent.ShiftScenario.Scenario;
using EdgeAgent.ShiftScenario.Truth;
using EdgeAgent.Simulators.Printers;
using EdgeAgent.Simulators.Scanners;
using EdgeAgent.Storage;
using Floor = EdgeAgent.Events;

namespace EdgeAgent.ShiftScenario.Running;

/// <summary>
/// The take-away conveyor after packing, played against the agent's real devices: two Zebra-style label printers
/// (the ZPL emulator over TCP, which the agent polls with <c>~HS</c>), the infeed photo-eye on the agent's simulated
/// GPIO chip, and the fixed scanner over MQTT. Each finished order becomes a carton: the packing station releases
/// its label through <c>POST /api/cartons</c>, the carton breaks the photo-eye, the scanner reads its SSCC and the
/// agent prints its label. The disruptions <c>printer-paper-out</c> and <c>conveyor-jam</c> act on these devices;
/// the runner waits (wall time, the shift clock still) until the agent has recorded each fault and each recovery,
/// so they land at the same shift moment in every run.
/// </summary>
internal sealed class ConveyorFloor : IAsyncDisposable
{
    public const string ScannerId = "SCN-01";
    public const string PackingOperator = "scenario-packing";
    public const string PackingToken = "scenario-packing-token";
    public const int PhotoEyePin = 5;
    public const string PhotoEye = "pe-infeed";
    public const int JamAfterMs = 5000;
    public const int PrinterPollMs = 10_000;
    private const string CompanyPrefix = "0614141";
    private static readonly string[] Address = ["1 Dock Road", "Springfield"];

    /// <summary>From an order's last pick to its carton on the infeed (packing).</summary>
    public static readonly TimeSpan PackTime = TimeSpan.FromMinutes(2);

    /// <summary>How long a carton blocks the photo-eye, and the gap between queued cartons after a jam.</summary>
    private static readonly TimeSpan Dwell = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Gap = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DeviceSeen = TimeSpan.FromMilliseconds(PrinterPollMs) + TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FaultTimeout = TimeSpan.FromMinutes(5);

    private readonly List<ZplPrinterEmulator> _printers;
    private readonly Queue<string> _queued = new();
    private readonly Dictionary<string, OrderTruth> _orders = new(StringComparer.Ordinal);
    private ConveyorScanner? _scanner;
    private SimulatedGpioDriver? _chip;
    private DurableStore? _store;
    private HttpClient? _http;
    private int _reads;
    private long _scanCursor;
    private int _scansRecorded;
    private bool _jammed;
    private bool _eyeBusy;

    private ConveyorFloor(List<ZplPrinterEmulator> printers) => _printers = printers;

    public IReadOnlyList<int> PrinterPorts => [.. _printers.Select(p => p.Port)];

    public int CartonsSent { get; private set; }

    /// <summary>The printers come up before the agent, which polls them from its start.</summary>
    public static ConveyorFloor StartPrinters(int count)
    {
        var printers = new List<ZplPrinterEmulator>();
        for (var i = 1; i <= count; i++)
        {
            var printer = new ZplPrinterEmulator(new ZplPrinterEmulatorOptions { Port = 0, Name = $"zebra-{i}" });
            printer.Start();
            printers.Add(printer);
        }

        return new ConveyorFloor(printers);
    }

    /// <summary>The agent's conveyor configuration: the printers, the photo-eye with its jam limit, a fault light, the scanner's account.</summary>
    public void Configure(Dictionary<string, string?> settings)
    {
        settings["Conveyor:Enabled"] = "true";
        settings["Conveyor:Gpio"] = "Simulated";
        // Every 10 s of shift time: a status query still in flight when the clock jumps past its 2 s timeout reads as
        // a printer that stopped answering, so fewer polls mean fewer such artefacts of the stepped clock.
        settings["Conveyor:PrinterPollMs"] = PrinterPollMs.ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < _printers.Count; i++)
        {
            settings[$"Conveyor:Printers:{i}:Id"] = _printers[i].Name;
            settings[$"Conveyor:Printers:{i}:Host"] = "127.0.0.1";
            settings[$"Conveyor:Printers:{i}:Port"] = _printers[i].Port.ToString(CultureInfo.InvariantCulture);
        }

        settings["Conveyor:PinMap:Inputs:0:Name"] = PhotoEye;
        settings["Conveyor:PinMap:Inputs:0:Role"] = "PhotoEye";
        settings["Conveyor:PinMap:Inputs:0:Pin"] = PhotoEyePin.ToString(CultureInfo.InvariantCulture);
        settings["Conveyor:PinMap:Inputs:0:JamAfterMs"] = JamAfterMs.ToString(CultureInfo.InvariantCulture);
        settings["Conveyor:PinMap:StackLights:0:Name"] = "line-1";
        settings["Conveyor:PinMap:StackLights:0:RedPin"] = "10";
        settings["Conveyor:PinMap:StackLights:0:AmberPin"] = "11";
        settings["Conveyor:PinMap:StackLights:0:GreenPin"] = "12";
        settings["Conveyor:PinMap:StackLights:0:BuzzerPin"] = "13";
        settings["Conveyor:FaultLight"] = "line-1";
        settings[$"Broker:Clients:{ScannerId}:Kind"] = "scanner";
        settings[$"Broker:Clients:{ScannerId}:PasswordHash"] = Drivers.Mqtt.PasswordHash.Create(ScannerPassword, Drivers.Mqtt.PasswordHash.MinimumIterations);
        settings[$"Governance:Operators:{PackingOperator}:Role"] = "Integration";
        settings[$"Governance:Operators:{PackingOperator}:TokenHash"] = Drivers.Mqtt.PasswordHash.Create(PackingToken, Drivers.Mqtt.PasswordHash.MinimumIterations);
    }

    private const string ScannerPassword = "shift-scanner";

    /// <summary>Connects the scanner once the agent's line has opened its pins and its scanner session.</summary>
    public async Task ConnectAsync(IServiceProvider services, Uri agent, string site, string brokerHost, int brokerPort, IEnumerable<OrderTruth> orders, CancellationToken ct)
    {
        _chip = services.GetRequiredService<SimulatedGpioDriver>();
        _store = services.GetRequiredService<DurableStore>();
        var line = services.GetRequiredService<Conveyor.ConveyorLine>();
        var waited = Stopwatch.StartNew();
        while (!line.ScannersConnected)
        {
            if (waited.Elapsed > FaultTimeout)
            {
                throw new InvalidOperationException("the agent's conveyor line did not connect its scanner session");
            }

            await Task.Delay(20, ct);
        }

        foreach (var order in orders)
        {
            _orders[order.Id] = order;
        }

        _http = new HttpClient { BaseAddress = agent, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", PackingToken);
        _scanner = new ConveyorScanner(new ConveyorScannerOptions { Host = brokerHost, Port = brokerPort, Site = site, DeviceId = ScannerId, Password = ScannerPassword }, TimeProvider.System);
        await _scanner.ConnectAsync(ct);
    }

    public static string Sscc(OrderTruth order) => LabelCodes.Sscc(0, CompanyPrefix, int.Parse(order.Id.AsSpan(order.Id.IndexOf('-') + 1), CultureInfo.InvariantCulture));

    /// <summary>A packed carton reaches the infeed: its label is released, then it breaks the photo-eye (or queues behind a jam).</summary>
    public async Task CartonArrivesAsync(string orderId, TimeSpan now, ShiftRunner runner, CancellationToken ct)
    {
        var order = _orders[orderId];
        using (var released = await _http!.PostAsJsonAsync("/api/cartons", new[]
        {
            new { sscc = Sscc(order), shipToName = $"Customer {order.Id}", shipToAddress = Address, orderNumber = order.Id, carrier = order.Carrier },
        }, ct))
        {
            released.EnsureSuccessStatusCode();
        }

        CartonsSent++;
        if (_jammed || _eyeBusy)
        {
            _queued.Enqueue(orderId);
            return;
        }

        BreakEye(orderId, now, runner);
    }

    private void BreakEye(string orderId, TimeSpan now, ShiftRunner runner)
    {
        _eyeBusy = true;
        _chip!.SetInput(PhotoEyePin, PinValue.High);
        runner.Schedule(now + Dwell, ShiftEventKind.CartonPasses, Subject: orderId);
    }

    /// <summary>The carton has passed the eye: the scanner reads its SSCC; the next queued carton follows after a gap.</summary>
    public async Task CartonPassesAsync(string orderId, TimeSpan now, ShiftRunner runner, CancellationToken ct)
    {
        if (_jammed)
        {
            // The belt stopped under it: it goes again (first) once the jam is cleared.
            _queued.Enqueue(orderId);
            _eyeBusy = false;
            return;
        }

        _chip!.SetInput(PhotoEyePin, PinValue.Low);
        _eyeBusy = false;
        await _scanner!.ReadAsync(LabelCodes.SsccRead(Sscc(_orders[orderId])), ct);
        await ScannedAsync(++_reads, ct);
        if (_queued.Count > 0)
        {
            runner.Schedule(now + Gap, ShiftEventKind.CartonArrivesQueued);
        }
    }

    // A read gets no answer: wait (wall time, the shift clock still) until the agent has recorded it. The events are
    // read from a cursor, so each look costs what was recorded since the last one: counting every CartonScanned
    // (an index walk over all of them) made each carton cost more the longer the shift ran (59 ms of CPU per carton
    // over 8 h at 100 pickers, most of it this count).
    private async Task ScannedAsync(int reads, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (ScansRecorded() < reads)
        {
            if (waited.Elapsed > FaultTimeout)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"the agent did not record scanner read {reads} within {FaultTimeout.TotalSeconds:0} s of wall time"));
            }

            await Task.Delay(1, ct);
        }
    }

    private int ScansRecorded()
    {
        var recorded = _store!.Read(db => new FloorCollections(db).Events.After(_scanCursor, 1024));
        foreach (var e in recorded)
        {
            _scansRecorded += e is Floor.CartonScanned ? 1 : 0;
            _scanCursor = e.Id;
        }

        return _scansRecorded;
    }

    public void NextQueued(TimeSpan now, ShiftRunner runner)
    {
        if (!_jammed && !_eyeBusy && _queued.TryDequeue(out var next))
        {
            BreakEye(next, now, runner);
        }
    }

    /// <summary>A disruption starts or ends on the devices; the agent's record of it is awaited by <see cref="AwaitAgentAsync"/>.</summary>
    public void Disrupt(Disruption d, bool starts, TimeSpan now, ShiftRunner runner)
    {
        switch (d.Kind)
        {
            case DisruptionKinds.PrinterPaperOut when starts:
                _printers[Math.Clamp(d.Count, 1, _printers.Count) - 1].PaperOut = true;
                break;
            case DisruptionKinds.PrinterPaperOut:
                _printers[Math.Clamp(d.Count, 1, _printers.Count) - 1].Resume();
                break;
            case DisruptionKinds.ConveyorJam when starts:
                _jammed = true;
                _chip!.SetInput(PhotoEyePin, PinValue.High);
                break;
            case DisruptionKinds.ConveyorJam:
                _jammed = false;
                _chip!.SetInput(PhotoEyePin, PinValue.Low);
                runner.Schedule(now + Gap, ShiftEventKind.CartonArrivesQueued);
                break;
        }
    }

    /// <summary>How long after a device change the runner looks for the agent's record of it.</summary>
    public static TimeSpan CheckAfter(Disruption d) => d.Kind == DisruptionKinds.ConveyorJam ? TimeSpan.FromMilliseconds(JamAfterMs) + TimeSpan.FromSeconds(1) : DeviceSeen;

    /// <summary>Waits (wall time) until the agent has recorded the fault or the recovery, so it carries this shift moment.</summary>
    public async Task AwaitAgentAsync(Disruption d, bool starts, int expected, IProgress<string> progress, CancellationToken ct)
    {
        Func<FloorCollections, int> count = (d.Kind, starts) switch
        {
            (DisruptionKinds.PrinterPaperOut, true) => f => f.Events.Count<Floor.PrinterFaulted>(),
            (DisruptionKinds.PrinterPaperOut, false) => f => f.Events.Count<Floor.PrinterRecovered>(),
            (DisruptionKinds.ConveyorJam, true) => f => f.Events.Count<Floor.ConveyorJammed>(),
            _ => f => f.Events.Count<Floor.ConveyorJamCleared>(),
        };
        var waited = Stopwatch.StartNew();
        while (_store!.Read(db => count(new FloorCollections(db))) < expected)
        {
            if (waited.Elapsed > FaultTimeout)
            {
                progress.Report($"  the agent did not record the {d.Kind} {(starts ? "fault" : "recovery")} within {FaultTimeout.TotalSeconds:0} s of wall time");
                return;
            }

            await Task.Delay(5, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_scanner is not null)
        {
            await _scanner.DisposeAsync();
        }

        _http?.Dispose();
        foreach (var printer in _printers)
        {
            await printer.DisposeAsync();
        }
    }
}
