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
    public async Task TwoReplicasRacingOnOneLane_CannotBothAdvanceIt_AndStoreEachEventOnce()
    {
        for (int round = 0; round < 20; round++)
        {
            long from = (round * 50) + 1;
            var both = await Task.WhenAll(Attempt(_a, Batch(from, 50, lane: "race")), Attempt(_b, Batch(from, 50, lane: "race")));
            // Exactly one replica advanced the lane over the batch; the other found it stored (or lost the compare-and-set and resent).
            Assert.Single(both, r => r.Fresh.Count > 0);
            Assert.All(both, r => Assert.Equal((ulong)(from + 49), r.Ack.AckedThrough));
        }

        Assert.Equal(1000, await _a.Ledger.HighWaterMarkAsync("dc-1", "race", CancellationToken.None));
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (ulong)i), await StoredAsync(_a.Sink, "dc-1", "race"));
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

        // The messages before the lost one are stored, nothing after it, and the ledger did not move: the batch stays unacked.
        var before = await StoredAsync(_b.Sink, "dc-lost", "business");
        int storedBeforeLoss = before.Count;
        Assert.InRange(storedBeforeLoss, 1, 36);
        Assert.Equal(Enumerable.Range(1, storedBeforeLoss).Select(i => (ulong)i), before);
        Assert.Equal(0, await _b.Ledger.HighWaterMarkAsync("dc-lost", "business", CancellationToken.None));

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

    private static async Task<Ingress.LedgerResult> Attempt(Replica replica, UplinkBatch batch)
    {
        try
        {
            return await replica.Ledger.StoreAsync("dc-1", batch, CancellationToken.None);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Aborted)
        {
            // Lost the race after storing nothing new: the edge resends (dedup by event id makes that harmless).
            return await replica.Ledger.StoreAsync("dc-1", batch, CancellationToken.None);
        }
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
