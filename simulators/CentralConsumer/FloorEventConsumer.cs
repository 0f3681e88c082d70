using CloudBridge.Contract.V1;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;
using FloorEvent = CloudBridge.Contract.Floor.V1.FloorEvent;

namespace CentralConsumer;

/// <summary>
/// How a system downstream of central (the ERP, a data platform) reads the gateways' floor events: a durable JetStream
/// consumer per system and partition, so each system resumes where it acknowledged, independent of the others; events
/// decoded with the generated code of the typed wire schema (<c>floor_events.proto</c>). Delivery is at least once:
/// a handler that may see an event again keys on (gateway, lane, sequence) or the event id.
/// Replay from a point in time reads the same streams with a throwaway consumer, leaving the durable position alone.
/// </summary>
public sealed class FloorEventConsumer : IAsyncDisposable
{
    private static readonly string FloorSchema = FloorEvent.Descriptor.FullName;
    private readonly FloorEventSource _source;
    private readonly NatsClient _client;
    private readonly INatsJSContext _js;

    public FloorEventConsumer(FloorEventSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _client = new NatsClient(new NatsOpts { Url = source.Url, Name = "central-consumer" });
        _js = _client.CreateJetStreamContext();
    }

    /// <summary>
    /// Hands every event the durable consumer <paramref name="durableName"/> has not acknowledged to
    /// <paramref name="handle"/>, acknowledging each after it returns; returns when nothing is pending. Call again
    /// (or on a timer) to go on; a process that stopped resumes after its last acknowledgement.
    /// </summary>
    public async Task<int> ConsumePendingAsync(string durableName, Func<ReceivedFloorEvent, CancellationToken, ValueTask> handle, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(durableName);
        ArgumentNullException.ThrowIfNull(handle);
        int handled = 0;
        for (int p = 0; p < _source.Partitions; p++)
        {
            // DurableName without Name: the create request then carries the filter in its body only, which nats-server
            // 2.9 accepts for a filter of several tokens (it reads a single token from the extended create subject).
            var consumer = await _js.CreateOrUpdateConsumerAsync(StreamOf(p), new ConsumerConfig
            {
                DurableName = durableName,
                FilterSubject = _source.FilterSubjectOf(p),
                AckPolicy = ConsumerConfigAckPolicy.Explicit,
                DeliverPolicy = ConsumerConfigDeliverPolicy.All,
            }, ct);
            handled += await DrainAsync(consumer, async (e, token) =>
            {
                await handle(e.Event, token);
                await e.Message.AckAsync(cancellationToken: token);
            }, ct);
        }

        return handled;
    }

    /// <summary>Every event stored at or after <paramref name="from"/>, per partition in stream order, without touching any durable position.</summary>
    public async Task<List<ReceivedFloorEvent>> ReplayAsync(DateTimeOffset from, CancellationToken ct)
    {
        var events = new List<ReceivedFloorEvent>();
        for (int p = 0; p < _source.Partitions; p++)
        {
            // An ordered consumer: ephemeral, no acks, gone when dropped. Its filter is also checked here, as nats-server
            // 2.9 does not know the multi-filter field the client sends for it.
            var filter = _source.FilterSubjectOf(p);
            var consumer = await _js.CreateOrderedConsumerAsync(StreamOf(p), new NatsJSOrderedConsumerOpts
            {
                FilterSubjects = [filter],
                DeliverPolicy = ConsumerConfigDeliverPolicy.ByStartTime,
                OptStartTime = from,
            }, ct);
            await DrainAsync(consumer, (e, _) =>
            {
                if (e.Message.Subject == filter)
                {
                    events.Add(e.Event);
                }

                return ValueTask.CompletedTask;
            }, ct);
        }

        return events;
    }

    /// <summary>Decodes one stored message; null when it is not a typed floor event (e.g. a JSON payload of before).</summary>
    public static ReceivedFloorEvent? Decode(byte[] data, DateTimeOffset storedAt)
    {
        ArgumentNullException.ThrowIfNull(data);
        var envelope = EventEnvelope.Parser.ParseFrom(data);
        return envelope.Schema == FloorSchema ? new ReceivedFloorEvent(envelope, FloorEvent.Parser.ParseFrom(envelope.Payload), storedAt) : null;
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    private string StreamOf(int partition) => $"{_source.Stream}_{partition}";

    private static async Task<int> DrainAsync(INatsJSConsumer consumer, Func<(ReceivedFloorEvent Event, INatsJSMsg<byte[]> Message), CancellationToken, ValueTask> handle, CancellationToken ct)
    {
        int handled = 0;
        while (true)
        {
            int fetched = 0;
            await foreach (var message in consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 256 }, cancellationToken: ct))
            {
                fetched++;
                if (message.Data is { } data && Decode(data, message.Metadata?.Timestamp ?? DateTimeOffset.MinValue) is { } received)
                {
                    await handle((received, message), ct);
                    handled++;
                }
                else if (message.Metadata is not null && message.ReplyTo is not null)
                {
                    await message.AckAsync(cancellationToken: ct); // Not a typed floor event: acknowledged, not handled.
                }
            }

            if (fetched == 0)
            {
                return handled;
            }
        }
    }
}
