using CloudBridge.Outbox;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Storage;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAgent.Tests.Bridge;

/// <summary>The outbox in the agent's own store: pages per group commit, and a store of format 1 with a backlog upgraded in place.</summary>
public sealed class OutboxPagesInStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task EachWriteTransaction_StartsItsOwnPage_SoCommittedPagesAreNotRewritten()
    {
        await using var store = StoreFixture.Open(_dir.Path);
        var outbox = NewOutbox(store);

        for (int write = 0; write < 3; write++)
        {
            await store.WriteAsync(db => Enumerable.Range(0, 4).Select(_ => outbox.Append(db, OutboxOptions.Business, "e", new byte[300])).ToList());
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync<int>(db =>
        {
            outbox.Append(db, OutboxOptions.Business, "e", new byte[300]);
            throw new InvalidOperationException("the floor change failed");
        }));
        await store.WriteAsync(db => outbox.Append(db, OutboxOptions.Business, "e", new byte[300]));

        Assert.Equal([1L, 5, 9, 13], store.Read(db => db.GetCollection("bridge_page_business").FindAll().Select(d => d["_id"].AsInt64).ToList()));
        Assert.Equal(Enumerable.Range(1, 13).Select(i => (long)i), store.Read(db => outbox.ReadAfter(db, OutboxOptions.Business, 0, 100)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task GatewayUpgradedWithABacklog_SendsEveryOldEvent_ThenTheNewOnes_InOneSequence()
    {
        const int Old = 1_000;
        var path = Path.Combine(_dir.Path, "edgeagent.db");
        using (var db = new LiteDatabase($"Filename={path};Connection=direct"))
        {
            long cumulative = 0;
            var events = db.GetCollection("bridge_out_business");
            for (int i = 1; i <= Old; i++)
            {
                cumulative += 300 + 1 + 64;
                events.Insert(new BsonDocument { ["_id"] = (long)i, ["e"] = $"{i:x32}", ["t"] = "e", ["o"] = DateTime.UnixEpoch.AddSeconds(i).Ticks, ["p"] = PayloadOf(i), ["r"] = "", ["c"] = cumulative });
            }

            db.GetCollection("bridge_lane").Insert(new BsonDocument { ["_id"] = OutboxOptions.Business, ["last"] = (long)Old, ["acked"] = 100L, ["ackedCum"] = 100L * 365, ["cum"] = cumulative });
            db.UserVersion = 1;
        }

        await using var store = StoreFixture.Open(_dir.Path);
        var outbox = NewOutbox(store);
        Assert.Equal(StoreFormat.Current, store.Read(db => db.UserVersion));
        await store.WriteAsync(db => Enumerable.Range(Old + 1, 10).Select(i => outbox.Append(db, OutboxOptions.Business, "e", PayloadOf(i))).ToList());

        var backlog = store.Read(db => outbox.Backlog(db)).Single(l => l.Lane == OutboxOptions.Business);
        Assert.Equal(Old - 100 + 10, backlog.Events);
        Assert.Equal(100, backlog.AckedThrough);
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(101), backlog.OldestOccurredAtUtc);
        var unsent = store.Read(db => outbox.ReadAfter(db, OutboxOptions.Business, backlog.AckedThrough, 5_000));
        Assert.Equal(Enumerable.Range(101, Old - 100 + 10).Select(i => (long)i), unsent.Select(e => e.Sequence));
        Assert.All(unsent, e => Assert.Equal(PayloadOf((int)e.Sequence), e.Payload));

        await store.WriteAsync(db => outbox.Acknowledge(db, OutboxOptions.Business, Old + 10));
        await store.WriteAsync(db => outbox.Purge(db, OutboxOptions.Business, int.MaxValue));
        Assert.Equal(0, store.Read(db => db.GetCollection("bridge_out_business").Count() + db.GetCollection("bridge_page_business").Count()));
        Assert.Equal(0, store.Read(db => outbox.Backlog(db)).Single(l => l.Lane == OutboxOptions.Business).Bytes);
    }

    private static Outbox NewOutbox(DurableStore store)
    {
        var outbox = new Outbox(new OutboxOptions(), TimeProvider.System, NullLogger<Outbox>.Instance);
        store.OnCommitting(outbox.WritePages);
        store.OnTransactionEnded(outbox.SealPages);
        return outbox;
    }

    private static byte[] PayloadOf(int i)
    {
        var payload = new byte[300];
        new Random(i).NextBytes(payload);
        return payload;
    }
}
