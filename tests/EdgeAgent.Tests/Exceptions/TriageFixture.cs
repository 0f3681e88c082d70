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

    public Task RecordAsync(string type, string device, string detail = "", string? picker = null, string? task = null) =>
        Store.WriteAsync(db =>
        {
            new FloorCollections(db, Journal).Record(new FloorEvent
            {
                At = Time.GetUtcNow().UtcDateTime, Type = type, DeviceId = device, Detail = detail, PickerId = picker, TaskId = task,
            });
            return 0;
        });

    public List<ExceptionCase> Cases() => Store.Read(db => ExceptionBook.Cases(db).FindAll().ToList());

    public ExceptionCase Single() => Assert.Single(Cases());

    public List<FloorEvent> Events(string type) => Store.Read(db => new FloorCollections(db).Events.Find(e => e.Type == type).ToList());

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
