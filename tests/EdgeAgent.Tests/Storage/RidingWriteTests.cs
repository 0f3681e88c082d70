using EdgeAgent.Storage;
using LiteDB;

namespace EdgeAgent.Tests.Storage;

/// <summary>
/// A write that rides with the next group (<see cref="DurableStore.WriteWithNextAsync{T}"/>, the uplink's ack marks):
/// no commit of its own while other writes come, one of its own when none comes, and never answered before an fsync.
/// </summary>
public sealed class RidingWriteTests : IDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ARider_IsCommittedInTheNextWritersGroup_WithoutACommitOfItsOwn()
    {
        await using var store = StoreFixture.Open(_dir.Path);
        await store.InsertEvent(1);
        var before = store.Stats;

        // A wait far longer than the test: only the next write can commit it.
        var rider = store.WriteWithNextAsync(db => db.GetCollection("marks").Insert(new BsonDocument { ["_id"] = "lane", ["through"] = 7 }), Long);
        Assert.False(rider.IsCompleted);
        await store.InsertEvent(2);
        await rider;

        var after = store.Stats;
        Assert.Equal(1, after.GroupsCommitted - before.GroupsCommitted);
        Assert.Equal(2, after.ChangesCommitted - before.ChangesCommitted);
        Assert.Equal(7, store.Read(db => db.GetCollection("marks").FindById("lane")["through"].AsInt32));
    }

    [Fact]
    public async Task ARider_WithNoOtherWrite_IsCommittedAloneOnceItsWaitIsOver()
    {
        await using var store = StoreFixture.Open(_dir.Path);
        var before = store.Stats;

        await store.WriteWithNextAsync(db => db.GetCollection("marks").Insert(new BsonDocument { ["_id"] = "lane" }), TimeSpan.FromMilliseconds(20));

        Assert.Equal(1, store.Stats.GroupsCommitted - before.GroupsCommitted);
        Assert.Equal(1, store.Count("marks"));
    }

    [Fact]
    public async Task ARiderInAGroupWhoseFsyncFails_IsRefused_NotAcknowledged()
    {
        using var dir = new TempDirectory();
        var store = StoreFixture.Open(dir.Path);
        await store.InsertEvent(1);
        using var gate = new ManualResetEventSlim();
        var held = await store.HoldWriter(gate);
        var rider = store.WriteWithNextAsync(db => db.GetCollection("marks").Insert(new BsonDocument { ["_id"] = "lane" }), Long);
        var write = store.InsertEvent(2);
        var syncs = 0;
        store.LogSync.FlushToDisk = log =>
        {
            if (Interlocked.Increment(ref syncs) == 2)
            {
                throw new IOException("injected EIO");
            }

            log.Flush(flushToDisk: true);
        };
        gate.Set();

        Assert.Equal(0, await held);
        await Assert.ThrowsAsync<StoreFaultedException>(() => write);
        var refused = await Assert.ThrowsAsync<StoreFaultedException>(() => rider);
        Assert.IsType<IOException>(refused.InnerException);
        await store.DisposeAsync();
    }

    [Fact]
    public async Task ARiderWhoseCallerStopsWaiting_BeforeAnyWrite_IsNotWritten()
    {
        await using var store = StoreFixture.Open(_dir.Path);
        using var cancel = new CancellationTokenSource();

        var rider = store.WriteWithNextAsync(db => db.GetCollection("marks").Insert(new BsonDocument { ["_id"] = "lane" }), Long, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rider);
        await store.InsertEvent(1);
        Assert.Equal(0, store.Count("marks"));
    }
}
