using EdgeAgent.Storage;

namespace EdgeAgent.Tests.Storage;

/// <summary>After a failed fsync nothing later can be trusted ("fsyncgate"): the store stops until a restart.</summary>
public sealed class FailedFsyncTests
{
    [Fact]
    public async Task FailedFsync_FailsThatGroup_RefusesEveryLaterWrite_AndLosesNothingAcknowledged()
    {
        using var dir = new TempDirectory();
        var store = StoreFixture.Open(dir.Path);
        await store.InsertEvent(1);

        // Park the writer so that events 2-4 form one group, whose fsync fails; every fsync after it succeeds.
        using var gate = new ManualResetEventSlim();
        var held = await store.HoldWriter(gate);
        var group = new[] { store.InsertEvent(2), store.InsertEvent(3), store.InsertEvent(4) };
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
        foreach (var write in group)
        {
            var refused = await Assert.ThrowsAsync<StoreFaultedException>(() => write);
            Assert.IsType<IOException>(refused.InnerException);
        }

        var later = await Assert.ThrowsAsync<StoreFaultedException>(() => store.InsertEvent(5));
        Assert.Contains("restart", later.Message, StringComparison.Ordinal);
        Assert.NotNull(store.Faulted);
        Assert.Contains("injected EIO", store.Faulted.Reason, StringComparison.Ordinal);
        Assert.Equal(2, syncs);
        await store.DisposeAsync();

        await using var reopened = StoreFixture.Open(dir.Path);
        Assert.Null(reopened.Faulted);
        Assert.Equal(1, reopened.Read(db => db.GetCollection("events").FindById(1)?["_id"].AsInt32));
        Assert.DoesNotContain(5, reopened.Read(db => db.GetCollection("events").FindAll().Select(d => d["_id"].AsInt32).ToList()));
    }
}
