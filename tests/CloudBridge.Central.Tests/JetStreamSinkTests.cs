using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.JetStream;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudBridge.Central.Tests;

public sealed class JetStreamSinkTests(NatsServerFixture nats) : IClassFixture<NatsServerFixture>
{
    [Fact]
    public async Task SameEventsFromTwoReplicas_AreStoredOnce_ByEventId()
    {
        var target = new JetStreamTarget(nats.Url!);
        await using var connectionA = new JetStreamConnection(target.Options(), NullLogger<JetStreamConnection>.Instance);
        await using var connectionB = new JetStreamConnection(target.Options(), NullLogger<JetStreamConnection>.Instance);
        var replicaA = new JetStreamSink(connectionA);
        var replicaB = new JetStreamSink(connectionB);
        var events = FileSinkTests.Events(1, 50);

        Assert.Equal(50, await replicaA.WriteAsync("dc-1", "business", events, CancellationToken.None));
        Assert.Equal(0, await replicaB.WriteAsync("dc-1", "business", events, CancellationToken.None));
        Assert.Equal(50, replicaB.Duplicates);
        Assert.Equal(20, await replicaB.WriteAsync("dc-1", "business", FileSinkTests.Events(41, 30), CancellationToken.None));

        Assert.Equal(Enumerable.Range(1, 70).Select(i => (ulong)i), await JetStreamLaneLedgerTests.StoredAsync(replicaA, "dc-1", "business"));
        Assert.Equal(70, await replicaB.GetHighWaterMarkAsync("dc-1", "business", CancellationToken.None));
    }

    [Fact]
    public void Partitions_SpreadGateways_TheSameWayEverywhere()
    {
        var partitions = Enumerable.Range(1, 1000).Select(i => GatewayPartition.Of($"dc-{i:D4}", 8)).ToList();
        Assert.All(Enumerable.Range(0, 8), p => Assert.InRange(partitions.Count(x => x == p), 80, 170));
        Assert.Equal(GatewayPartition.Of("dc-0042", 8), GatewayPartition.Of("dc-0042", 8));
    }
}
