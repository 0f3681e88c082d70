using CentralConsumer;
using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Contract.Floor.V1;
using CloudBridge.Contract.V1;
using CloudBridge.JetStream;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudBridge.Central.Tests;

/// <summary>The example consumer a downstream system copies: durable position, typed decoding, replay from a time.</summary>
public sealed class FloorEventConsumerTests(NatsServerFixture nats) : IClassFixture<NatsServerFixture>
{
    [Fact]
    public async Task DurableConsumer_ReadsTypedEventsOnce_AndReplayStartsAtAPointInTime()
    {
        var target = new JetStreamTarget(nats.Url!, Partitions: 3);
        var options = target.Options();
        await using var connection = new JetStreamConnection(options, NullLogger<JetStreamConnection>.Instance);
        var sink = new JetStreamSink(connection);
        await sink.WriteAsync("dc-7", "business", Picks("dc-7", 1, 20), CancellationToken.None);
        await sink.WriteAsync("dc-8", "business", Picks("dc-8", 1, 5), CancellationToken.None);
        var source = new FloorEventSource { Url = options.Url, Stream = options.Stream, Partitions = options.Partitions, SubjectPrefix = options.SubjectPrefix, Gateway = "dc-7" };

        var first = new List<ReceivedFloorEvent>();
        await using (var erp = new FloorEventConsumer(source))
        {
            Assert.Equal(20, await erp.ConsumePendingAsync("erp", Collect(first), CancellationToken.None));
        }

        await Task.Delay(50);
        var replayFrom = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        await sink.WriteAsync("dc-7", "business", Picks("dc-7", 21, 10), CancellationToken.None);

        // A restarted ERP resumes after what it acknowledged; a replay from a time sees only what was stored since.
        var second = new List<ReceivedFloorEvent>();
        await using var restarted = new FloorEventConsumer(source);
        Assert.Equal(10, await restarted.ConsumePendingAsync("erp", Collect(second), CancellationToken.None));
        var replayed = await restarted.ReplayAsync(replayFrom, CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (ulong)i), first.Select(e => e.Envelope.Sequence));
        Assert.Equal(Enumerable.Range(21, 10).Select(i => (ulong)i), second.Select(e => e.Envelope.Sequence));
        Assert.Equal(Enumerable.Range(21, 10).Select(i => (ulong)i), replayed.Select(e => e.Envelope.Sequence));
        Assert.All(first.Concat(second), e => Assert.Equal(("task.picked", FloorEvent.BodyOneofCase.TaskPicked, "dc-7"), (e.Event.Type, e.Event.BodyCase, e.Envelope.GatewayId)));
        Assert.Equal("T-21", second[0].Event.TaskPicked.TaskId);
    }

    private static Func<ReceivedFloorEvent, CancellationToken, ValueTask> Collect(List<ReceivedFloorEvent> into) => (e, _) =>
    {
        into.Add(e);
        return ValueTask.CompletedTask;
    };

    private static List<EventEnvelope> Picks(string gateway, long from, int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            long seq = from + i;
            var pick = new FloorEvent
            {
                Type = "task.picked",
                At = Timestamp.FromDateTime(DateTime.UtcNow),
                DeviceId = "hh-3",
                Seq = seq,
                TaskPicked = new TaskPicked { PickerId = "P-1", TaskId = $"T-{seq}", Sku = "SKU-0042", Location = "A-01-2", Quantity = 1 },
            };
            return new EventEnvelope
            {
                GatewayId = gateway,
                Lane = "business",
                Sequence = (ulong)seq,
                EventId = Guid.NewGuid().ToString("N"),
                Type = pick.Type,
                OccurredAt = pick.At,
                Schema = FloorEvent.Descriptor.FullName,
                Payload = pick.ToByteString(),
            };
        }).ToList();
}
