using CloudBridge.Outbox;
using EdgeAgent.Audit;
using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;
using EdgeAgent.Retention;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Storage;
using LiteDB;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Tests.Retention;

/// <summary>
/// Retention on a real store with a fake clock: only what central acknowledged and is older than the age leaves, and the
/// audit chain stays verifiable from the checkpoint where it was cut.
/// </summary>
public sealed class StoreRetentionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(Start);
    private Outbox _outbox = null!;
    private AuditLog _audit = null!;
    private DurableStore _store = null!;
    private StoreRetention _retention = null!;

    public Task InitializeAsync()
    {
        _outbox = new Outbox(new OutboxOptions(), _time, NullLogger<Outbox>.Instance);
        _audit = new AuditLog(_time, _outbox);
        _store = DurableStore.Open(new StoreOptions { DataDirectory = _dir.Path }, NullLogger<DurableStore>.Instance, _time);
        _store.OnCommitting(_outbox.WritePages);
        _store.OnTransactionEnded(_outbox.SealPages);
        _retention = new StoreRetention(_store, Options.Create(new RetentionOptions { MaxAgeDays = 30, BatchSize = 10 }), _time, NullLogger<StoreRetention>.Instance, new RetentionCounters(), _outbox);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Retention_NeverRemovesWhatCentralHasNotAcknowledged_EvenWhenOld()
    {
        await Work(events: 25, auditRecords: 25, finishedTasks: 25);
        await _retention.RunOnceAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(31));
        await Work(events: 5, auditRecords: 5, finishedTasks: 5, firstTask: 100);

        // Old, but central acknowledged nothing.
        var none = await _retention.RunOnceAsync(CancellationToken.None);
        Assert.Equal((0L, 0L, 0L), (none.FloorEvents, none.Tasks, none.AuditRecords));

        // The floor events' lane acknowledged, the audit lane not: the mark is not settled, nothing leaves.
        await AcknowledgeAll(OutboxOptions.Business);
        var partly = await _retention.RunOnceAsync(CancellationToken.None);
        Assert.Equal((0L, 0L, 0L), (partly.FloorEvents, partly.Tasks, partly.AuditRecords));
        Assert.Equal((30, 30, 30), Counts());

        // Everything acknowledged: the 25 of each from before the 30 days leave, the 5 newer stay, the open task stays.
        await AcknowledgeAll(OutboxOptions.Audit);
        var pass = await _retention.RunOnceAsync(CancellationToken.None);
        Assert.Equal((25L, 25L, 25L, 25L), (pass.FloorEvents, pass.Tasks, pass.AuditRecords, pass.AuditCheckpointSeq));
        Assert.Equal((5, 5, 5), Counts());
        Assert.NotNull(_store.Read(db => new FloorCollections(db).Tasks.FindById("open-1")));
    }

    [Fact]
    public async Task Retention_KeepsAcknowledgedWork_UntilItIsOlderThanTheAge()
    {
        await Work(events: 10, auditRecords: 10, finishedTasks: 10);
        await _retention.RunOnceAsync(CancellationToken.None);
        await AcknowledgeAll(OutboxOptions.Business, OutboxOptions.Audit);
        _time.Advance(TimeSpan.FromDays(29));

        var young = await _retention.RunOnceAsync(CancellationToken.None);

        Assert.Null(young.RemovedBefore);
        Assert.Equal((10, 10, 10), Counts());
    }

    [Fact]
    public async Task AuditVerify_AfterACut_StartsAtTheCheckpoint_AndFindsATamperedKeptRecord()
    {
        await Work(events: 0, auditRecords: 23, finishedTasks: 0);
        await _retention.RunOnceAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(31));
        await Work(events: 0, auditRecords: 4, finishedTasks: 0);
        await AcknowledgeAll(OutboxOptions.Audit);

        var pass = await _retention.RunOnceAsync(CancellationToken.None);

        Assert.Equal(23, pass.AuditCheckpointSeq);
        var verified = _store.Read(AuditVerifier.Verify);
        Assert.True(verified.Intact, verified.ToString());
        Assert.Equal((4L, 23L), (verified.Records, verified.FromCheckpoint));
        Assert.Contains("from the retention checkpoint at seq 23", verified.ToString(), StringComparison.Ordinal);

        // The first kept record edited: its hash no longer matches.
        await _store.WriteAsync(db =>
        {
            var records = new AuditCollections(db).Records;
            var first = records.FindById(24);
            first.Actor = "someone-else";
            return records.Update(first);
        });
        var tampered = _store.Read(AuditVerifier.Verify);
        Assert.False(tampered.Intact);
        Assert.Equal(24, tampered.BrokenAt);
        Assert.Contains("hash mismatch", tampered.Problem, StringComparison.Ordinal);
        Assert.Contains("retention checkpoint at seq 23", tampered.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_AfterACut_FindsTheFirstKeptRecordRemoved()
    {
        await Work(events: 0, auditRecords: 12, finishedTasks: 0);
        await _retention.RunOnceAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(31));
        await Work(events: 0, auditRecords: 3, finishedTasks: 0);
        await AcknowledgeAll(OutboxOptions.Audit);
        await _retention.RunOnceAsync(CancellationToken.None);

        await _store.WriteAsync(db => new AuditCollections(db).Records.Delete(13));
        var verified = _store.Read(AuditVerifier.Verify);

        Assert.False(verified.Intact);
        Assert.Contains("sequence gap: expected seq 13", verified.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MaxAgeDays", "0")]
    [InlineData("CheckMinutes", "0")]
    [InlineData("BatchSize", "1")]
    public void BadRetentionOption_StopsStartUp_NamingTheKey(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"Store:Retention:{key}"] = value }).Build();
        using var services = new ServiceCollection().AddRetention(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RetentionOptions>>().Value);

        Assert.Contains($"Store:Retention:{key}", error.Message, StringComparison.Ordinal);
    }

    private (int FloorEvents, int Tasks, int AuditRecords) Counts() => _store.Read(db => (
        new FloorEventLog(db).Count(),
        new FloorCollections(db).Tasks.Count(t => t.Status == PickTaskStatus.Picked),
        new AuditCollections(db).Records.Count()));

    /// <summary>Floor events and audit records each with their outbox record in the same write (as the journal and the audit log do), and finished tasks.</summary>
    private async Task Work(int events, int auditRecords, int finishedTasks, int firstTask = 1)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        await _store.WriteAsync(db =>
        {
            var log = new FloorEventLog(db);
            for (var i = 0; i < events; i++)
            {
                var floorEvent = new PickerLoggedIn { At = now, DeviceId = "hh-1", PickerId = "P-1", Seq = i + 1 };
                log.Insert(floorEvent);
                _outbox.Append(db, OutboxOptions.Business, floorEvent.Type, [1, 2, 3], now);
            }

            for (var i = 0; i < auditRecords; i++)
            {
                _audit.Append(db, new AuditEntry { Kind = AuditKind.Decision, ActionType = ActionTypes.CartonDivert, Actor = AuditLog.SystemActor, Verdict = "execute" });
            }

            var tasks = new FloorCollections(db).Tasks;
            for (var i = 0; i < finishedTasks; i++)
            {
                tasks.Insert(new PickTask { Id = $"t-{firstTask + i}", Location = "A-01", Sku = "S", Quantity = 1, Status = PickTaskStatus.Picked, CompletedAt = now, ReleasedAt = now });
            }

            tasks.Upsert(new PickTask { Id = "open-1", Location = "A-02", Sku = "S", Quantity = 1, Status = PickTaskStatus.Open, ReleasedAt = now });
            return 0;
        });

        // The next pass's mark comes after this work, as on a real clock.
        _time.Advance(TimeSpan.FromSeconds(1));
    }

    private Task<int> AcknowledgeAll(params string[] lanes) => _store.WriteAsync(db =>
    {
        foreach (var lane in lanes)
        {
            _outbox.Acknowledge(db, lane, long.MaxValue);
        }

        return 0;
    });
}
