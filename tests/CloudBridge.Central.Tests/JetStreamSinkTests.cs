using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Contract.V1;
using CloudBridge.JetStream;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.JetStream.Models;

namespace CloudBridge.Central.Tests;

public sealed class JetStreamSinkTests(NatsServerFixture nats) : IClassFixture<NatsServerFixture>
{
    [Fact]
    public async Task SameEventsFromTwoReplicas_AreStoredOnce()
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
    public async Task ALanesBatch_IsStoredAsOneJetStreamMessage_HoldingItsEventsInTheWireSchema()
    {
        var target = new JetStreamTarget(nats.Url!);
        await using var connection = new JetStreamConnection(target.Options(), NullLogger<JetStreamConnection>.Instance);
        var sink = new JetStreamSink(connection);

        Assert.Equal(200, await sink.WriteAsync("dc-1", "business", FileSinkTests.Events(1, 200), CancellationToken.None));
        Assert.Equal(30, await sink.WriteAsync("dc-1", "business", FileSinkTests.Events(201, 30), CancellationToken.None));

        var stream = await connection.JetStream.GetStreamAsync(connection.EventStreamOf("dc-1"));
        Assert.Equal(2, (long)stream.Info.State.Messages);
        Assert.Equal(2, sink.Messages);
        var last = await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = connection.EventSubjectOf("dc-1", "business") });
        var headers = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(last.Message.Hdrs!));
        Assert.Contains($"{StoredEvents.FormatHeader}: {StoredEvents.Format}", headers, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(201, 30).Select(i => (ulong)i), StoredEvents.Parser.ParseFrom(last.Message.Data.Span).Events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task ABatchOverTheMessageLimit_IsStoredAsSeveralMessages_InLaneOrder()
    {
        var target = new JetStreamTarget(nats.Url!) { MaxMessageBytes = 2048 };
        await using var connection = new JetStreamConnection(target.Options(), NullLogger<JetStreamConnection>.Instance);
        var sink = new JetStreamSink(connection);

        Assert.Equal(60, await sink.WriteAsync("dc-1", "business", FileSinkTests.Events(1, 60), CancellationToken.None));

        Assert.InRange(sink.Messages, 5, 60);
        Assert.Equal(Enumerable.Range(1, 60).Select(i => (ulong)i), await JetStreamLaneLedgerTests.StoredAsync(sink, "dc-1", "business"));
        Assert.Equal(60, await new JetStreamSink(connection).GetHighWaterMarkAsync("dc-1", "business", CancellationToken.None));
    }

    [Fact]
    public void Partitions_SpreadGateways_TheSameWayEverywhere()
    {
        var partitions = Enumerable.Range(1, 1000).Select(i => GatewayPartition.Of($"dc-{i:D4}", 8)).ToList();
        Assert.All(Enumerable.Range(0, 8), p => Assert.InRange(partitions.Count(x => x == p), 80, 170));
        Assert.Equal(GatewayPartition.Of("dc-0042", 8), GatewayPartition.Of("dc-0042", 8));
    }
}
