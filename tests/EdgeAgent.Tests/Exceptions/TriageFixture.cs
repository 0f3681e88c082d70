using EdgeAgent.Drivers.Handhelds;
using PrinterFaults = EdgeAgent.Drivers.Printers.PrinterFaults;
using EdgeAgent.Events;
using EdgeAgent.Exceptions;
using EdgeAgent.Fulfilment;
using EdgeAgent.Kpis;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Tests.Exceptions;

/// <summary>A real store in a temp directory with the triage and the KPI ledger observing, on a fake clock.</summary>
internal sealed class TriageFixture : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();

    public TriageFixture(Action<ExceptionOptions>? configure = null)
    {
        Options = DefaultOptions();
        configure?.Invoke(Options);
        Journal = new FloorJournal([new ExceptionTriage(Microsoft.Extensions.Options.Options.Create(Options)), new KpiObserver()]);
        Store = OpenStore();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    public ExceptionOptions Options { get; }

    public FloorJournal Journal { get; }

    public DurableStore Store { get; private set; }

    public ExceptionDesk Desk => new(Store, Journal, new EdgeAgent.Audit.AuditLog(Time), Time, Microsoft.Extensions.Options.Options.Create(Options));

    public static ExceptionOptions DefaultOptions()
    {
        var options = new ExceptionOptions();
        options.Teams.AddRange(ExceptionDefaults.Teams);
        options.ResolutionCodes.AddRange(ExceptionDefaults.ResolutionCodes);
        return options;
    }

    public ExceptionSweeper Sweeper() =>
        new(Store, Journal, Time, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<ExceptionSweeper>.Instance);

    public DateTime Now => Time.GetUtcNow().UtcDateTime;

    public Task RecordAsync(FloorEvent floorEvent) =>
        Store.WriteAsync(db =>
        {
            new FloorCollections(db, Journal).Record(floorEvent);
            return 0;
        });

    public Task JamAsync(string sensor) => RecordAsync(new ConveyorJammed { At = Now, DeviceId = sensor, BlockedSince = Now });

    public Task JamClearedAsync(string sensor) => RecordAsync(new ConveyorJamCleared { At = Now, DeviceId = sensor, BlockedSeconds = 5 });

    public Task PrinterFaultAsync(string printer, PrinterFaults faults) => RecordAsync(new PrinterFaulted { At = Now, DeviceId = printer, Faults = faults });

    /// <summary>A representative event of one problem type, as the parts of the agent that raise it record it.</summary>
    public FloorEvent Problem(string wireName, string device, string? detail = null, string? picker = null, string? task = null) => wireName switch
    {
        "conveyor.jam" => new ConveyorJammed { At = Now, DeviceId = device, BlockedSince = Now },
        "conveyor.jam-cleared" => new ConveyorJamCleared { At = Now, DeviceId = device, BlockedSeconds = 5 },
        "door.open-too-long" => new DoorOpenTooLong { At = Now, DeviceId = device, OpenSince = Now },
        "printer.faulted" => new PrinterFaulted { At = Now, DeviceId = device, Faults = Enum.Parse<PrinterFaults>(detail ?? "PaperOut") },
        "printer.recovered" => new PrinterRecovered { At = Now, DeviceId = device, Cleared = PrinterFaults.PaperOut },
        "label.failed" => new LabelFailed { At = Now, DeviceId = device, Sscc = task, Reason = "TimedOut", Attempts = 3 },
        "label.printed" => new LabelPrinted { At = Now, DeviceId = device, Sscc = task, ReceiptConfirmed = true },
        "carton.no-read" => new CartonNoRead { At = Now, DeviceId = device, Reason = "NoRead: nothing decoded" },
        "bridge.unreachable" => new BridgeUnreachable { At = Now, DeviceId = device, Reason = "not connected" },
        "bridge.recovered" => new BridgeRecovered { At = Now, DeviceId = device },
        "carton.detected" => new CartonDetected { At = Now, DeviceId = device, DwellMilliseconds = 80 },
        "scan.rejected" => new ScanRejected { At = Now, DeviceId = device, PickerId = picker, TaskId = task, Error = Enum.Parse<HandheldErrorCode>(detail!), Message = "refused" },
        _ => throw new ArgumentException($"no sample for {wireName}", nameof(wireName)),
    };

    public List<ExceptionCase> Cases() => Store.Read(db => ExceptionBook.Cases(db).FindAll().ToList());

    public ExceptionCase Single() => Assert.Single(Cases());

    public IReadOnlyList<T> Events<T>()
        where T : FloorEvent => Store.Read(db => new FloorCollections(db).Events.OfType<T>());

    public KpiReport Kpis() => KpiReport.From(Store.Read(KpiObserver.Load));

    /// <summary>Closes the store as a stopping agent would and opens it again.</summary>
    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = OpenStore();
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _directory.Dispose();
    }

    private DurableStore OpenStore()
    {
        var store = DurableStore.Open(StoreFixture.Options(_directory.Path), NullLogger<DurableStore>.Instance, Time);
        store.WriteAsync(db =>
        {
            FloorCollections.EnsureIndexes(db);
            ExceptionBook.EnsureIndexes(db);
            return 0;
        }).GetAwaiter().GetResult();
        return store;
    }
}
