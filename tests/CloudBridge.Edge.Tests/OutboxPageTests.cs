using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Edge.Tests.Infrastructure;
using CloudBridge.Outbox;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudBridge.Edge.Tests;

public sealed class OutboxPageTests
{
    private const string PageCollection = "bridge_page_business";
    private const string LegacyCollection = "bridge_out_business";

    [Fact]
    public async Task AppendsOfOneTransaction_ShareAFewPages_AndReadBackInOrderWithTheirFields()
    {
        using var dir = new TempDirectory();
        await using var store = new TestOutboxStore(dir.Path);
        var outbox = NewOutbox();
        var at = new DateTime(2026, 12, 6, 9, 0, 0, DateTimeKind.Utc);

        var appended = await store.WriteAsync(db => Enumerable.Range(1, 300)
            .Select(i => outbox.Append(db, OutboxOptions.Business, "pick.confirmed", PayloadOf(i), at.AddSeconds(i), traceId: $"t{i}", schema: i % 2 == 0 ? "s.v1" : null))
            .ToList(), CancellationToken.None);

        var read = store.Read(db => outbox.ReadAfter(db, OutboxOptions.Business, 0, 1_000));
        int pages = store.Read(db => db.GetCollection(PageCollection).Count());
        Assert.InRange(pages, 1, 10);
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), read.Select(e => e.Sequence));
        Assert.Equal(appended.Select(a => a.EventId), read.Select(e => e.EventId));
        Assert.Equal(300, read.Select(e => e.EventId).Distinct().Count());
        var e150 = read[149];
        Assert.Equal(PayloadOf(150), e150.Payload);
        Assert.Equal(at.AddSeconds(150), e150.OccurredAtUtc);
        Assert.Equal("t150", e150.TraceId);
        Assert.Equal("s.v1", e150.Schema);
        Assert.Equal("", read[148].Schema);
        Assert.Equal(Enumerable.Range(121, 50).Select(i => (long)i), store.Read(db => outbox.ReadAfter(db, OutboxOptions.Business, 120, 50)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task SealedTransactions_StartTheirOwnPage_SoACommittedPageIsNotRewritten()
    {
        using var dir = new TempDirectory();
        await using var store = new TestOutboxStore(dir.Path);
        var outbox = NewOutbox();
        for (int t = 0; t < 5; t++)
        {
            await store.WriteAsync(db => Enumerable.Range(0, 3).Select(i => outbox.Append(db, OutboxOptions.Business, "e", PayloadOf(i))).ToList(), CancellationToken.None);
            outbox.SealPages();
        }

        var firsts = store.Read(db => db.GetCollection(PageCollection).FindAll().Select(d => d["_id"].AsInt64).ToList());
        Assert.Equal([1L, 4, 7, 10, 13], firsts);
        Assert.Equal(15, store.Read(db => outbox.ReadAfter(db, OutboxOptions.Business, 0, 100)).Count);
    }

    [Fact]
    public async Task AppendAfterARolledBackAppendToTheSamePage_KeepsTheCommittedEventsAndNoGap()
    {
        using var dir = new TempDirectory();
        await using var store = new TestOutboxStore(dir.Path);
        var outbox = NewOutbox();
        await store.WriteAsync(db => outbox.Append(db, OutboxOptions.Business, "e", PayloadOf(1)), CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync<int>(db =>
        {
            outbox.Append(db, OutboxOptions.Business, "e", PayloadOf(99));
            throw new InvalidOperationException("the host's change failed");
        }, CancellationToken.None));
        await store.WriteAsync(db => outbox.Append(db, OutboxOptions.Business, "e", PayloadOf(2)), CancellationToken.None);

        var read = store.Read(db => outbox.ReadAfter(db, OutboxOptions.Business, 0, 10));
        Assert.Equal([1L, 2], read.Select(e => e.Sequence));
        Assert.Equal(PayloadOf(2), read[1].Payload);
    }

    [Fact]
    public async Task Purge_RemovesWholeAcknowledgedPagesOnly_AndKeepsByteCountsExact()
    {
        using var dir = new TempDirectory();
        await using var store = new TestOutboxStore(dir.Path);
        var outbox = NewOutbox();
        for (int t = 0; t < 4; t++)
        {
            await store.WriteAsync(db => Enumerable.Range(0, 10).Select(i => outbox.Append(db, OutboxOptions.Business, "e", PayloadOf(i))).ToList(), CancellationToken.None);
            outbox.SealPages();
        }

        long bytesBefore = Business(store, outbox).Bytes;
        await store.WriteAsync(db => outbox.Acknowledge(db, OutboxOptions.Business, 25), CancellationToken.None);
        Assert.Equal(25, store.Read(outbox.Purgeable));
        Assert.Equal(20, await store.WriteAsync(db => outbox.Purge(db, OutboxOptions.Business, int.MaxValue), CancellationToken.None));
        Assert.Equal(0, store.Read(outbox.Purgeable));

        var lane = Business(store, outbox);
        Assert.Equal(15, lane.Events);
        Assert.Equal(bytesBefore * 15 / 40, lane.Bytes);
        Assert.Equal(2, store.Read(db => db.GetCollection(PageCollection).Count()));
        Assert.Equal(Enumerable.Range(26, 15).Select(i => (long)i), store.Read(db => outbox.ReadAfter(db, OutboxOptions.Business, 25, 100)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task PerEventDocumentsOfAnOlderAgent_AreReadBeforeNewPages_ThenAckedAndPurged()
    {
        using var dir = new TempDirectory();
        await using var store = new TestOutboxStore(dir.Path);
        var outbox = NewOutbox();
        var at = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        await store.WriteAsync(db => WriteLegacyBacklog(db, 5, at), CancellationToken.None);

        await store.WriteAsync(db => Enumerable.Range(6, 5).Select(i => outbox.Append(db, OutboxOptions.Business, "e", PayloadOf(i))).ToList(), CancellationToken.None);

        var read = store.Read(db => outbox.ReadAfter(db, OutboxOptions.Business, 0, 100));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), read.Select(e => e.Sequence));
        Assert.Equal(PayloadOf(3), read[2].Payload);
        Assert.Equal("legacy-3", read[2].EventId);
        Assert.Equal(PayloadOf(8), read[7].Payload);
        Assert.Equal([4L, 5, 6, 7], store.Read(db => outbox.ReadAfter(db, OutboxOptions.Business, 3, 4)).Select(e => e.Sequence));
        Assert.Equal(at.AddSeconds(1), Business(store, outbox).OldestOccurredAtUtc);

        await store.WriteAsync(db => outbox.Acknowledge(db, OutboxOptions.Business, 3), CancellationToken.None);
        Assert.Equal(3, await store.WriteAsync(db => outbox.Purge(db, OutboxOptions.Business, int.MaxValue), CancellationToken.None));
        Assert.Equal(at.AddSeconds(4), Business(store, outbox).OldestOccurredAtUtc);
        await store.WriteAsync(db => outbox.Acknowledge(db, OutboxOptions.Business, 10), CancellationToken.None);
        Assert.Equal(7, await store.WriteAsync(db => outbox.Purge(db, OutboxOptions.Business, int.MaxValue), CancellationToken.None));

        var lane = Business(store, outbox);
        Assert.Equal(0, lane.Events);
        Assert.Equal(0, lane.Bytes);
        Assert.Equal(0, store.Read(db => db.GetCollection(LegacyCollection).Count() + db.GetCollection(PageCollection).Count()));
    }

    /// <summary>What an agent of store format 1 left: one document per event and the lane's counters.</summary>
    internal static int WriteLegacyBacklog(LiteDatabase db, int events, DateTime at)
    {
        long cumulative = 0;
        for (int i = 1; i <= events; i++)
        {
            cumulative += 300 + 1 + 64;
            db.GetCollection(LegacyCollection).Insert(new BsonDocument
            {
                ["_id"] = (long)i,
                ["e"] = $"legacy-{i}",
                ["t"] = "e",
                ["o"] = at.AddSeconds(i).Ticks,
                ["p"] = PayloadOf(i),
                ["r"] = "",
                ["c"] = cumulative,
            });
        }

        db.GetCollection("bridge_lane").Upsert(new BsonDocument { ["_id"] = OutboxOptions.Business, ["last"] = (long)events, ["cum"] = cumulative });
        return events;
    }

    private static LaneBacklog Business(TestOutboxStore store, Outbox.Outbox outbox) =>
        store.Read(db => outbox.Backlog(db)).Single(l => l.Lane == OutboxOptions.Business);

    private static byte[] PayloadOf(int i)
    {
        var payload = new byte[300];
        new Random(i).NextBytes(payload);
        return payload;
    }

    private static Outbox.Outbox NewOutbox() => new(new OutboxOptions(), TimeProvider.System, NullLogger<Outbox.Outbox>.Instance);
}
