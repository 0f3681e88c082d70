using CloudBridge.Outbox;
using EdgeAgent.Bridge;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAgent.Tests.Bridge;

/// <summary>
/// Issue #12's chaos run with a store cut: a recovered outbox numbered new events with sequences it had already sent,
/// central took them for resends, and they were lost. The outbox's numbers are recorded outside the file, and a
/// recovered lane continues above every number it handed out.
/// </summary>
public sealed class OutboxNumberingTests : IDisposable
{
    private const int Events = 41;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task AfterARecoveryThatLostOutboxEvents_TheNextEvent_IsNumberedAboveEveryNumberHandedOutBefore()
    {
        var dir = await TornLiveCopyAsync();

        await using var store = DurableStore.Open(new StoreOptions { DataDirectory = dir, OnDamage = StoreDamagePolicy.Recover }, NullLogger<DurableStore>.Instance);
        var outbox = Wired(store);
        var recovery = Assert.IsType<StoreRecovery>(store.Recovery);
        var lost = Assert.Single(recovery.Lost, l => l.Device == OutboxNumbering.Device);
        Assert.Equal((OutboxOptions.Business, (long)Events), (lost.Lane, lost.Acknowledged));
        long held = Assert.IsType<long>(lost.Held);
        Assert.InRange(held, 1, Events - 1);

        await new OutboxNumbering(store, outbox, NullLogger<OutboxNumbering>.Instance).StartingAsync(CancellationToken.None);
        var next = await store.WriteAsync(db => outbox.Append(db, OutboxOptions.Business, "after-recovery", new byte[10]));

        Assert.Equal(Events + 1, next.Sequence);
        // What survived is read up to the gap, and the read after it starts with the new event.
        var survivors = store.Read(db => outbox.ReadAfter(db, OutboxOptions.Business, 0, 1_000));
        Assert.Equal(Enumerable.Range(1, (int)held).Select(i => (long)i), survivors.Select(e => e.Sequence));
        var afterGap = store.Read(db => outbox.ReadAfter(db, OutboxOptions.Business, held, 1_000));
        Assert.Equal("after-recovery", Assert.Single(afterGap).Type);
    }

    [Fact]
    public async Task TheLanesContinuation_OutlivesARestartBeforeTheNextEvent()
    {
        var dir = await TornLiveCopyAsync();
        await using (var recovered = DurableStore.Open(new StoreOptions { DataDirectory = dir, OnDamage = StoreDamagePolicy.Recover }, NullLogger<DurableStore>.Instance))
        {
            await new OutboxNumbering(recovered, Wired(recovered), NullLogger<OutboxNumbering>.Instance).StartingAsync(CancellationToken.None);
        }

        await using var store = StoreFixture.Open(dir);
        Assert.Null(store.Recovery);
        var outbox = Wired(store);
        var next = await store.WriteAsync(db => outbox.Append(db, OutboxOptions.Business, "after-restart", new byte[10]));

        Assert.Equal(Events + 1, next.Sequence);
    }

    [Fact]
    public async Task EveryTransactionsHighestNumber_IsInTheAcknowledgementRecord_AndAStoreCloseLosesNone()
    {
        var dir = Path.Combine(_dir.Path, "record");
        await using (var store = StoreFixture.Open(dir))
        {
            var outbox = Wired(store);
            await store.WriteAsync(db => Enumerable.Range(0, 3).Select(_ => outbox.Append(db, OutboxOptions.Business, "e", new byte[10])).ToList());
            await store.WriteAsync(db => outbox.Append(db, OutboxOptions.Audit, "a", new byte[10]));
            await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync<int>(db =>
            {
                outbox.Append(db, OutboxOptions.Business, "rolled-back", new byte[10]);
                throw new InvalidOperationException("the floor change failed");
            }));
        }

        var recorded = AckRecord.Read(AckRecord.PathOf(Path.Combine(dir, "edgeagent.db")));
        Assert.Equal(3, recorded.Values.Single(m => m.Device == OutboxNumbering.Device && m.Lane == OutboxOptions.Business).Seq);
        Assert.Equal(1, recorded.Values.Single(m => m.Device == OutboxNumbering.Device && m.Lane == OutboxOptions.Audit).Seq);
        await using var reopened = StoreFixture.Open(dir);
        Assert.Null(reopened.Recovery);
    }

    [Fact]
    public async Task TheDownlinkCursorOfEveryApplication_IsInTheAcknowledgementRecord_SoARecoveryCanNameCommandsItLost()
    {
        var dir = Path.Combine(_dir.Path, "downlink");
        await using (var store = StoreFixture.Open(dir))
        {
            var bridge = new OutboxStore(store);
            await bridge.WriteAppliedAsync(db => db.GetCollection("applied").Insert(new LiteDB.BsonDocument { ["_id"] = 7 }), 7, CancellationToken.None);
            await bridge.WriteAppliedAsync(db => db.GetCollection("applied").Insert(new LiteDB.BsonDocument { ["_id"] = 9 }), 9, CancellationToken.None);
        }

        var recorded = AckRecord.Read(AckRecord.PathOf(Path.Combine(dir, "edgeagent.db")));
        Assert.Equal(9, recorded.Values.Single(m => m.Device == OutboxStore.DownlinkDevice && m.Lane == OutboxStore.DownlinkLane).Seq);
    }

    /// <summary>
    /// A copy of a running store that numbered <see cref="Events"/> business events one write each, with its log cut in
    /// half: fsynced commits gone, as a disk that lost written data leaves it.
    /// </summary>
    private async Task<string> TornLiveCopyAsync()
    {
        var source = Path.Combine(_dir.Path, "running");
        var copy = Path.Combine(_dir.Path, "copy");
        Directory.CreateDirectory(copy);
        await using var store = StoreFixture.Open(source);
        var outbox = Wired(store);
        for (int i = 1; i <= Events; i++)
        {
            await store.WriteAsync(db => outbox.Append(db, OutboxOptions.Business, "before", new byte[200]));
        }

        foreach (var file in Directory.GetFiles(source).Where(f => !f.EndsWith(DataDirectoryLock.LockFileName, StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        await using (var log = new FileStream(StoreCopy.LogPathOf(Path.Combine(copy, "edgeagent.db")), FileMode.Open))
        {
            Assert.True(log.Length > 4 * 8192, "the running store's commits are in its log");
            log.SetLength(log.Length / 2);
        }

        return copy;
    }

    private static Outbox Wired(DurableStore store)
    {
        var outbox = new Outbox(new OutboxOptions(), TimeProvider.System, NullLogger<Outbox>.Instance);
        store.OnCommitting(outbox.WritePages);
        store.OnTransactionEnded(outbox.SealPages);
        OutboxNumbering.Record(store, outbox);
        return outbox;
    }
}
