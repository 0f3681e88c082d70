using System.Globalization;
using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Contract.V1;
using CloudBridge.Edge.Tests.Infrastructure;
using CloudBridge.JetStream;
using CloudBridge.Outbox;
using NATS.Net;

namespace CloudBridge.Edge.Tests;

/// <summary>
/// Central at scale: a three-node nats-server cluster (R3 streams) behind two stateless ingress replicas, one gateway
/// failing over between them. Failures happen mid-stream while the edge keeps appending.
/// </summary>
public sealed class CentralClusterTests
{
    private const int Writes = 40;
    private const int PerWrite = 100;

    [Fact]
    public async Task NatsNodeKilledMidStream_LosesNothingAcknowledged_ExactlyOnceInOrder()
    {
        await using var cluster = await NatsCluster.StartAsync();
        var target = new JetStreamTarget(cluster.Urls, Replicas: 3, Partitions: 3);
        using var dir = new TempDirectory();
        await using var a = await TestIngress.StartAsync(dir.Sub("a"), jetStream: target);
        await using var b = await TestIngress.StartAsync(dir.Sub("b"), jetStream: target);
        await using var edge = new TestEdge(dir.Sub("edge"), a.Address, o =>
        {
            o.BatchSize = 100;
            o.FailoverAddresses.Add(b.Address);
        });
        await edge.StartAsync();
        var writer = AppendSteadilyAsync(edge);

        await Eventually.WaitAsync(() => edge.AckedThrough(OutboxOptions.Business) >= 1_000, "some events acked through the cluster");
        var leader = await StreamLeaderAsync(cluster.Urls, target, TestIngress.GatewayId);
        long ackedAtKill = edge.AckedThrough(OutboxOptions.Business);
        cluster.Kill(leader);
        long last = await writer;

        await Eventually.WaitAsync(() => edge.AckedThrough(OutboxOptions.Business) == last, "the edge to drain with one node down", TimeSpan.FromSeconds(90));
        Assert.True(ackedAtKill < last, "the kill should happen mid-stream");
        using var central = new CentralClient(b.Address);
        await central.AssertExactlyOnceAsync(OutboxOptions.Business, last);
    }

    /// <summary>
    /// Replica A serves both the gateway's uplink and its downlink; killing it mid-stream moves both to replica B:
    /// every event stored once and in order, every command applied once and in order, including those appended after.
    /// </summary>
    [Fact]
    public async Task IngressReplicaKilledMidStream_UplinkAndDownlinkCarryOnThroughAnother_ExactlyOnceInOrder()
    {
        await using var cluster = await NatsCluster.StartAsync();
        var target = new JetStreamTarget(cluster.Urls, Replicas: 3, Partitions: 3);
        using var dir = new TempDirectory();
        using var replicaA = ChildProcess.Start(["ingress", dir.Sub("a"), "0", .. target.Args()]);
        using var replicaB = ChildProcess.Start(["ingress", dir.Sub("b"), "0", .. target.Args()]);
        var addressA = $"http://127.0.0.1:{await replicaA.WaitForValueAsync("listening")}";
        var addressB = $"http://127.0.0.1:{await replicaB.WaitForValueAsync("listening")}";
        using var central = new CentralClient(addressB);
        await using var downlink = new TestDownlinkEdge(dir.Sub("downlink"), addressA, addressB);
        await using var edge = new TestEdge(dir.Sub("edge"), addressA, o =>
        {
            o.BatchSize = 100;
            o.FailoverAddresses.Add(addressB);
        });
        await edge.StartAsync();
        var writer = AppendSteadilyAsync(edge);
        for (int i = 1; i <= 5; i++)
        {
            await central.AppendCommandAsync($"release-{i}", CommandKind.OrderRelease, $"{{\"order\":\"SO-{i}\"}}");
        }

        // The downlink follows replica A (its first address) and sees commands appended through B: one log.
        await Eventually.WaitAsync(() => downlink.Subscriber.Cursor == 5, "the first five commands through replica A");
        await Eventually.WaitAsync(() => edge.AckedThrough(OutboxOptions.Business) >= 1_000, "some events acked by replica A");
        long ackedAtKill = edge.AckedThrough(OutboxOptions.Business);
        replicaA.Kill();
        for (int i = 6; i <= 12; i++)
        {
            await central.AppendCommandAsync($"release-{i}", CommandKind.TaskRelease, $"{{\"task\":\"T-{i}\"}}");
        }

        long last = await writer;

        await Eventually.WaitAsync(() => edge.AckedThrough(OutboxOptions.Business) == last, "the edge to carry on through replica B");
        Assert.True(ackedAtKill < last, "the kill should happen mid-stream");
        await central.AssertExactlyOnceAsync(OutboxOptions.Business, last);
        await Eventually.WaitAsync(() => downlink.Subscriber.Cursor == 12 && downlink.Subscriber.Applied == 12, "the later commands through replica B");
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"release-{i}"), downlink.Applied());
    }

    /// <summary>Appends in transactions while the sender streams; returns the last sequence.</summary>
    private static async Task<long> AppendSteadilyAsync(TestEdge edge)
    {
        long last = 0;
        for (int i = 0; i < Writes; i++)
        {
            last = await edge.AppendAsync(OutboxOptions.Business, PerWrite);
            await Task.Delay(25);
        }

        return last;
    }

    private static async Task<string> StreamLeaderAsync(string urls, JetStreamTarget target, string gatewayId)
    {
        await using var client = new NatsClient(new NATS.Client.Core.NatsOpts { Url = urls });
        var stream = await client.CreateJetStreamContext().GetStreamAsync($"{target.Name}_{GatewayPartition.Of(gatewayId, target.Partitions).ToString(CultureInfo.InvariantCulture)}");
        return stream.Info.Cluster?.Leader ?? throw new InvalidOperationException("the stream has no leader");
    }
}
