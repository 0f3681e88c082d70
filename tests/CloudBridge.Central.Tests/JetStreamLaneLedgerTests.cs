using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Contract.V1;
using CloudBridge.JetStream;
using CloudBridge.Sinks;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudBridge.Central.Tests;

/// <summary>
/// The ledger of stateless replicas: two replicas, each with its own connection, on one lane. Messages are limited to
/// 2 KiB here, so a batch is stored as several JetStream messages (about six events each) and a failure can fall between them.
/// </summary>
public sealed class JetStreamLaneLedgerTests(NatsServerFixture nats) : IClassFixture<NatsServerFixture>, IAsyncLifetime
{
    private readonly JetStreamTarget _target = new(nats.Url!) { MaxMessageBytes = 2048 };
    private Replica _a = null!;
    private Replica _b = null!;

    public Task InitializeAsync()
    {
        _a = new Replica(_target.Options());
        _b = new Replica(_target.Options());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task GatewayMovingBetweenReplicas_ContinuesWithoutFalseGap_AndWithoutDuplicate()
    {
        await _a.Ledger.StoreAsync("dc-1", Batch(1, 100), CancellationToken.None);
        await _b.Ledger.StoreAsync("dc-1", Batch(101, 100), CancellationToken.None);

        // Back on A, whose cached mark (100) is stale: no gap reported, and a resend of B's batch is a duplicate.
        var resent = await _a.Ledger.StoreAsync("dc-1", Batch(151, 50), CancellationToken.None);
        var next = await _a.Ledger.StoreAsync("dc-1", Batch(201, 100), CancellationToken.None);

        Assert.Equal(50u, resent.Ack.Duplicates);
        Assert.Equal(0u, next.Ack.Duplicates);
        Assert.Equal(300, await _b.Ledger.HighWaterMarkAsync("dc-1", "business", CancellationToken.None));
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (ulong)i), await StoredAsync(_b.Sink, "dc-1", "business"));
    }

    [Fact]
    public async Task TwoReplicasRacingOnOneLane_StoreEachEventOnce_InLaneOrder()
    {
        for (int round = 0; round < 20; round++)
        {
            long from = (round * 50) + 1;
            var both = await Task.WhenAll(
                _a.Ledger.StoreAsync("dc-1", Batch(from, 50, lane: "race"), CancellationToken.None),
                _b.Ledger.StoreAsync("dc-1", Batch(from, 50, lane: "race"), CancellationToken.None));
            // Between them the two replicas stored each event of the batch once (one of them, or each a part), and both ack it.
            Assert.Equal(Enumerable.Range((int)from, 50).Select(i => (ulong)i), both.SelectMany(r => r.Fresh).Select(e => e.Sequence).Order());
            Assert.All(both, r => Assert.Equal((ulong)(from + 49), r.Ack.AckedThrough));
            Assert.Equal(50u, both[0].Ack.Duplicates + both[1].Ack.Duplicates);
        }

        Assert.Equal(1000, await _a.Ledger.HighWaterMarkAsync("dc-1", "race", CancellationToken.None));
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (ulong)i), await StoredAsync(_a.Sink, "dc-1", "race"));
    }

    [Fact]
    public async Task ALaneWhoseMessagesAllAgedOut_ContinuesAfterItsRecordedMark_WithoutAFalseGap()
    {
        await _a.Ledger.StoreAsync("dc-idle", Batch(1, 10, "dc-idle"), CancellationToken.None);
        await Eventually.WaitAsync(async () => await _b.Ledger.RecordedMarkAsync("dc-idle", "business", CancellationToken.None) == 10, "the mark recorded in the ledger bucket");

        // MaxAge removes every message of an idle lane; purging the subject does the same now.
        await using (var connection = new JetStreamConnection(_target.Options(), NullLogger<JetStreamConnection>.Instance))
        {
            var stream = await connection.JetStream.GetStreamAsync(connection.EventStreamOf("dc-idle"));
            await stream.PurgeAsync(new NATS.Client.JetStream.Models.StreamPurgeRequest { Filter = connection.EventSubjectOf("dc-idle", "business") });
        }

        var resent = await _b.Ledger.StoreAsync("dc-idle", Batch(9, 4, "dc-idle"), CancellationToken.None);

        Assert.Equal((12ul, 2u), (resent.Ack.AckedThrough, resent.Ack.Duplicates));
        Assert.Equal(12, await _a.Ledger.HighWaterMarkAsync("dc-idle", "business", CancellationToken.None));
        Assert.Equal([11ul, 12ul], await StoredAsync(_a.Sink, "dc-idle", "business"));
    }

    [Fact]
    public async Task AGap_IsRefused_AfterRereadingTheLedger()
    {
        await _a.Ledger.StoreAsync("dc-2", Batch(1, 10, "dc-2"), CancellationToken.None);
        var ex = await Assert.ThrowsAsync<RpcException>(() => _b.Ledger.StoreAsync("dc-2", Batch(12, 5, "dc-2"), CancellationToken.None));
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.StartsWith("sequence gap on lane 'business': expected 11, got 12", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishLostMidBatch_ResendThroughAnotherReplica_StoresTheLaneInSequenceOrder_NoGapNoDuplicate()
    {
        // Replica A loses the publish of the message holding event 37 of 1..100 on the way (a node dying with it in its socket).
        int lost = 0;
        _a.Sink.LosePublish = m => m.Events[0].GatewayId == "dc-lost" && m.Events.Any(e => e.Sequence == 37) && Interlocked.Exchange(ref lost, 1) == 0;
        await Assert.ThrowsAsync<TimeoutException>(() => _a.Ledger.StoreAsync("dc-lost", Batch(1, 100, "dc-lost"), CancellationToken.None));

        // The messages before the lost one are stored, nothing after it (the lane's mark is there); the batch stays unacked.
        var before = await StoredAsync(_b.Sink, "dc-lost", "business");
        int storedBeforeLoss = before.Count;
        Assert.InRange(storedBeforeLoss, 1, 36);
        Assert.Equal(Enumerable.Range(1, storedBeforeLoss).Select(i => (ulong)i), before);
        Assert.Equal(storedBeforeLoss, await _b.Ledger.HighWaterMarkAsync("dc-lost", "business", CancellationToken.None));

        // The edge resends the batch through replica B, then carries on through A.
        var resent = await _b.Ledger.StoreAsync("dc-lost", Batch(1, 100, "dc-lost"), CancellationToken.None);
        var next = await _a.Ledger.StoreAsync("dc-lost", Batch(101, 50, "dc-lost"), CancellationToken.None);

        Assert.Equal((uint)storedBeforeLoss, resent.Ack.Duplicates);
        Assert.Equal(0u, next.Ack.Duplicates);
        Assert.Equal(150, await _a.Ledger.HighWaterMarkAsync("dc-lost", "business", CancellationToken.None));
        Assert.Equal(Enumerable.Range(1, 150).Select(i => (ulong)i), await StoredAsync(_a.Sink, "dc-lost", "business"));
    }

    [Fact]
    public async Task ReplicaWithAStaleViewOfTheLane_IsRefusedByJetStream_AndContinuesAfterWhatIsStored()
    {
        await _a.Sink.WriteAsync("dc-stale", "business", FileSinkTests.Events(1, 10, "dc-stale"), CancellationToken.None);
        await _b.Sink.WriteAsync("dc-stale", "business", FileSinkTests.Events(11, 10, "dc-stale"), CancellationToken.None);

        // A still believes event 10 is the lane's last: JetStream refuses its write after it, A reads the lane and goes on.
        int stored = await _a.Sink.WriteAsync("dc-stale", "business", FileSinkTests.Events(21, 10, "dc-stale"), CancellationToken.None);

        Assert.Equal(10, stored);
        Assert.Equal(1, _a.Sink.RefusedOutOfOrder);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (ulong)i), await StoredAsync(_b.Sink, "dc-stale", "business"));
    }

    internal static async Task<List<ulong>> StoredAsync(ISink sink, string gateway, string lane)
    {
        var stored = new List<ulong>();
        await foreach (var e in sink.ReadAsync(gateway, lane, 0, CancellationToken.None))
        {
            stored.Add(e.Sequence);
        }

        return stored;
    }

    private static UplinkBatch Batch(long from, int count, string gateway = "dc-1", string? lane = null)
    {
        var events = FileSinkTests.Events(from, count, gateway, lane ?? "business");
        var batch = new UplinkBatch { BatchId = (ulong)from, Lane = lane ?? "business" };
        batch.Events.AddRange(events);
        return batch;
    }

    private sealed class Replica : IAsyncDisposable
    {
        private readonly JetStreamConnection _connection;

        public Replica(JetStreamOptions options)
        {
            _connection = new JetStreamConnection(options, NullLogger<JetStreamConnection>.Instance);
            Sink = new JetStreamSink(_connection);
            Ledger = new JetStreamLaneLedger(_connection, Sink, NullLogger<JetStreamLaneLedger>.Instance);
        }

        public JetStreamSink Sink { get; }

        public JetStreamLaneLedger Ledger { get; }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }
}
