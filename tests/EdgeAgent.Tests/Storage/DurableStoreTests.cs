using EdgeAgent.Storage;
using LiteDB;

namespace EdgeAgent.Tests.Storage;

public sealed class DurableStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ConcurrentWrites_AllComplete_InFewerGroupsThanChanges()
    {
        await using var store = StoreFixture.Open(_dir.Path);
        using var gate = new ManualResetEventSlim();
        var held = await store.HoldWriter(gate);

        // Each caller on its own pool thread; an outer task completes once its write is queued.
        var writes = await Task.WhenAll(Enumerable.Range(1, 200).Select(id =>
            Task.Factory.StartNew(() => store.InsertEvent(id), CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default)));
        gate.Set();
        await held;
        await Task.WhenAll(writes);

        Assert.Equal(200, store.Count());
        var stats = store.Stats;
        Assert.Equal(201, stats.ChangesCommitted);
        Assert.Equal(2, stats.GroupsCommitted);
        Assert.Equal(200, stats.LargestGroup);
        Assert.InRange(stats.Fsyncs, 1, stats.GroupsCommitted); // the parked change wrote nothing to sync
    }

    [Fact]
    public async Task ThrowingChange_FailsOnlyItsCaller_OthersInTheGroupCommit()
    {
        await using var store = StoreFixture.Open(_dir.Path);
        using var gate = new ManualResetEventSlim();
        var held = await store.HoldWriter(gate);

        var first = store.InsertEvent(1);
        var failing = store.WriteAsync<int>(db =>
        {
            db.GetCollection("events").Insert(new BsonDocument { ["_id"] = 2 });
            throw new InvalidOperationException("scan refers to an unknown task");
        });
        var third = store.InsertEvent(3);
        gate.Set();
        await held;

        await first;
        await third;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("scan refers to an unknown task", error.Message);
        Assert.Equal([1, 3], store.Read(db => db.GetCollection("events").FindAll().Select(d => d["_id"].AsInt32).Order().ToArray()));
        Assert.Equal(1, store.Stats.FailedChanges);
        Assert.Equal(3, store.Stats.ChangesCommitted);
    }

    [Fact]
    public async Task AcknowledgedWrites_AreReadable_AfterDisposeAndReopen()
    {
        await using (var store = StoreFixture.Open(_dir.Path, maxBatchSize: 7))
        {
            await Task.WhenAll(Enumerable.Range(1, 100).Select(id => store.InsertEvent(id)));
        }

        await using var reopened = StoreFixture.Open(_dir.Path);
        Assert.Equal(Enumerable.Range(1, 100), reopened.Read(db => db.GetCollection("events").FindAll().Select(d => d["_id"].AsInt32).Order().ToArray()));
    }

    [Fact]
    public async Task Dispose_CommitsQueuedWrites_ThenRefusesNewOnes()
    {
        var store = StoreFixture.Open(_dir.Path);
        using var gate = new ManualResetEventSlim();
        var held = await store.HoldWriter(gate);
        var queued = Enumerable.Range(1, 50).Select(id => store.InsertEvent(id)).ToArray();

        var disposing = store.DisposeAsync();
        Assert.False(store.IsOpen);
        gate.Set();
        await disposing;
        await held;
        await Task.WhenAll(queued);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.InsertEvent(51));
        await using var reopened = StoreFixture.Open(_dir.Path);
        Assert.Equal(50, reopened.Count());
    }

    [Fact]
    public async Task Open_IsOpenUntilDisposed()
    {
        var store = StoreFixture.Open(_dir.Path);
        Assert.True(store.IsOpen);
        await store.DisposeAsync();
        Assert.False(store.IsOpen);
        Assert.Throws<ObjectDisposedException>(() => store.Count());
    }
}
