using System.Collections.Concurrent;
using System.Device.Gpio;
using EdgeAgent.Broker;
using EdgeAgent.Configuration;
using EdgeAgent.Drivers.Logging;
using EdgeAgent.Drivers.Presence;
using EdgeAgent.Drivers.Printers;
using EdgeAgent.Drivers.Scanners;
using EdgeAgent.Drivers.Sensors;
using EdgeAgent.Fulfilment;
using EdgeAgent.Handhelds;
using EdgeAgent.Hosting;
using EdgeAgent.Storage;
using Floor = EdgeAgent.Events;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Conveyor;

/// <summary>
/// One conveyor segment: photo-eyes say a carton is there, the fixed scanner reads its SSCC, the agent
/// prints its shipping label on the healthiest printer of the group, and the stack light shows when the
/// line needs a person. Every step is a floor event, recorded durably (and sent to central).
/// </summary>
/// <remarks>
/// The GPIO chip and the printer group are built by the composition (from <c>Conveyor:Gpio</c> and
/// <c>Conveyor:Printers</c>) and passed in; the line starts them with itself and stops them with itself.
/// The controller stays the container's: the line opens and closes its pins, never the chip.
/// </remarks>
public sealed partial class ConveyorLine(
    IOptions<ConveyorOptions> options,
    GpioController gpio,
    PrinterGroupFactory printerGroups,
    ConveyorSessions sessions,
    DurableStore store,
    TimeProvider time,
    ILoggerFactory loggers,
    RerouteRequests reroutes,
    Floor.FloorJournal? journal = null,
    Governance.GovernanceGate? gate = null) : BackgroundService, IConveyorStatus
{
    public const string PrinterGroupName = "shipping";
    private readonly ConveyorOptions _options = options.Value;
    private readonly ILogger _logger = loggers.CreateLogger<ConveyorLine>();
    private readonly ConcurrentDictionary<string, string> _faults = new(StringComparer.Ordinal);
    private readonly Lock _lightGate = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _doorsOpenTooLong = new(StringComparer.Ordinal);
    private StackLight? _faultLight;
    private volatile PrinterGroup? _printers;
    private volatile ConveyorScannerGateway? _scanners;
    private volatile IoLinkGateway? _ioLink;
    private volatile Drivers.Plc.PlcDivertPublisher? _plc;
    private readonly Drivers.Logging.LogRateLimiter _plcLog = new(time, TimeSpan.FromMinutes(1));
    private readonly LogRateLimiter _spaceLog = new(time, TimeSpan.FromMinutes(1));
    private long _refusedForSpace;
    private long _photoEyeBlocks;
    private long _photoEyePulses;
    private long _jams;

    /// <summary>True once the fixed scanners' session is connected to the broker.</summary>
    public bool ScannersConnected => _scanners?.IsConnected == true;

    /// <summary>What the fixed scanners' session has received, delivered and dropped; null before the line started it.</summary>
    public Drivers.Scanners.ConveyorScannerCounters? ScannerCounters => _scanners?.Counters;

    private volatile SensorFeed? _feed;
    private int _sensorBusy;

    private int _scansInFlight;

    /// <summary>No scanner read being handled (its record, its label request).</summary>
    internal bool ScansQuiet => Volatile.Read(ref _scansInFlight) == 0;

    private async Task<IReadOnlyList<ScanFailure>> OnCartonsScannedTrackedAsync(IReadOnlyList<CartonScanned> scans, CancellationToken ct)
    {
        Interlocked.Increment(ref _scansInFlight);
        try
        {
            return await OnCartonsScannedAsync(scans, ct);
        }
        finally
        {
            Interlocked.Decrement(ref _scansInFlight);
        }
    }

    /// <summary>Every sensor event so far has been handled (recorded): none waiting, none being handled.</summary>
    internal bool SensorsQuiet => Volatile.Read(ref _sensorBusy) == 0 && (_feed is not { } feed || !feed.Events.TryPeek(out _));

    /// <summary>No status query or label in flight to a printer (see <see cref="PrinterGroup.Quiet"/>); true without printers.</summary>
    internal bool PrintersQuiet => _printers?.Quiet ?? true;

    /// <summary>True once the IO-Link session is connected; false when no IO-Link port is mapped.</summary>
    public bool IoLinkConnected => _ioLink?.IsConnected == true;

    /// <summary>What the IO-Link session has read and refused; null when no IO-Link port is mapped.</summary>
    public IoLinkPortReaderCounters? IoLinkCounters => _ioLink?.Counters;

    /// <summary>True once the session publishing divert commands to PLCs is connected; false when no lane has a PLC.</summary>
    public bool PlcConnected => _plc?.IsConnected == true;

    /// <summary>What the fault light shows now; null when no fault light is configured.</summary>
    public StackLightSignal? FaultLightSignal => _faultLight?.Signal;

    /// <summary>What keeps the fault light on: printers down and jams, by name.</summary>
    public IReadOnlyCollection<string> ActiveFaults => [.. _faults.Keys];

    public ConveyorSnapshot? Snapshot() => _printers is { } printers ? new(FaultLightSignal?.ToString(), ActiveFaults, printers.Printers) : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        using var feed = new SensorFeed(time);
        using var bank = new SensorBank(gpio, _options.PinMap, feed, time, loggers.CreateLogger<SensorBank>());
        bank.Start();
        _faultLight = _options.FaultLight is { Length: > 0 } light ? bank.StackLights[light] : null;
        OpenDivertPins(bank);
        UpdateFaultLight();
        await using var printers = printerGroups(OnPrinterEventAsync);
        await using var scanners = sessions.Scanners();
        await using var ioLink = sessions.IoLink(feed, OnIoLinkNumberedAsync);
        ioLink?.Start();
        await using var plc = sessions.Plc();
        plc?.Start();
        _plc = plc;
        _printers = printers;
        _scanners = scanners;
        _ioLink = ioLink;
        printers.Start();
        var rerouting = ApplyReroutesAsync(printers, stoppingToken);
        await scanners.StartAsync(OnCartonsScannedTrackedAsync, stoppingToken);
        LogStarted(_logger, _options.Printers.Count, _options.PinMap.Inputs.Count);
        try
        {
            _feed = feed;
            while (await feed.Events.WaitToReadAsync(stoppingToken))
            {
                // Busy before an event is taken, so SensorsQuiet never sees neither.
                Volatile.Write(ref _sensorBusy, 1);
                try
                {
                    while (feed.Events.TryRead(out var sensorEvent))
                    {
                        try
                        {
                            await OnSensorEventAsync(sensorEvent, stoppingToken);
                        }
                        catch (Exception ex) when (SpaceRefusal.Is(ex))
                        {
                            // No room (outbox quota or data disk): the event is not stored and nobody was told it was.
                            // A sensor cannot be asked to send again, so it is counted and the line carries on; the
                            // fault light still shows a jam (set before the record) and the space alarm is raised once.
                            OnRefusedForSpace(sensorEvent.Sensor, ex);
                        }

                        CountPulse(sensorEvent);
                    }
                }
                finally
                {
                    Volatile.Write(ref _sensorBusy, 0);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; the printers finish or park their jobs as they stop.
        }

        try
        {
            await rerouting;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped with the line.
        }
        finally
        {
            CloseDivertPins();
        }
    }

    private void SetFault(string key, string? why)
    {
        if (why is null)
        {
            _faults.TryRemove(key, out _);
        }
        else
        {
            _faults[key] = why;
        }

        UpdateFaultLight();
    }

    private void UpdateFaultLight()
    {
        lock (_lightGate)
        {
            _faultLight?.Set(_faults.IsEmpty ? StackLightSignal.Normal : StackLightSignal.Fault);
        }
    }

    /// <summary>Photo-eye blocks (a debounced rising edge) the line has handled, since start.</summary>
    public long PhotoEyeBlocks => Interlocked.Read(ref _photoEyeBlocks);

    /// <summary>
    /// The line's pulse count: photo-eye pulses (a carton that passed, or a jam) the line has handled since start, whether
    /// their event was stored, shed as telemetry or refused for space. Tests and tools wait on it instead of on a clock.
    /// </summary>
    public long PhotoEyePulses => Interlocked.Read(ref _photoEyePulses);

    private void CountPulse(SensorEvent sensorEvent)
    {
        switch (sensorEvent)
        {
            case SensorChanged { Role: SensorRole.PhotoEye, Active: true }:
                Interlocked.Increment(ref _photoEyeBlocks);
                break;
            case CartonDetected:
                Interlocked.Increment(ref _photoEyePulses);
                break;
            case JamDetected:
                // Counted before the pulse, so whoever sees the pulse also sees that it was a jam.
                Interlocked.Increment(ref _jams);
                Interlocked.Increment(ref _photoEyePulses);
                break;
            default:
                break;
        }
    }

    /// <summary>
    /// Jams (a photo-eye or jam sensor blocked past its limit) the line has handled since start, whether their event was
    /// stored or refused for space: a pulse counted with one more jam was a jam, not a carton.
    /// </summary>
    public long Jams => Interlocked.Read(ref _jams);

    /// <summary>Sensor events not recorded because the outbox or the disk had no room, since start.</summary>
    public long RefusedForSpace => Interlocked.Read(ref _refusedForSpace);

    private void OnRefusedForSpace(string sensor, Exception ex)
    {
        Interlocked.Increment(ref _refusedForSpace);
        if (_spaceLog.ShouldLog(SpaceRefusal.Reason(ex), out var suppressed))
        {
            LogRefusedForSpace(_logger, sensor, ex.Message, suppressed);
        }
    }

    /// <summary>Records the floor event <paramref name="build"/> makes for the current time, in a store write of its own.</summary>
    private Task<int> RecordAsync(Func<DateTime, Floor.FloorEvent> build, CancellationToken ct) =>
        store.WriteAsync(db =>
        {
            new FloorCollections(db, journal).Record(build(time.GetUtcNow().UtcDateTime));
            return 0;
        }, ct);

    [LoggerMessage(EventId = 58, Level = LogLevel.Error, Message = "Sensor event of {Sensor} not recorded: {Reason} ({Suppressed} similar not logged)")]
    private static partial void LogRefusedForSpace(ILogger logger, string sensor, string reason, long suppressed);

    [LoggerMessage(EventId = 50, Level = LogLevel.Information, Message = "Conveyor line running: {Printers} label printers, {Inputs} sensor inputs")]
    private static partial void LogStarted(ILogger logger, int printers, int inputs);
}
