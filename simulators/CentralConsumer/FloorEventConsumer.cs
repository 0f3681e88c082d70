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
/// decoded with the generated code of the typed wire schema (<c>floor_events.proto</c>). Central stores a lane's batch as
/// one JetStream message (<see cref="StoredEvents"/>, header <c>Bridge-Format</c>); this consumer hands its events over
/// one at a time, in lane order, and acknowledges the message after the last of them. Delivery is at least once (a
/// message whose handling stopped half-way comes again whole): a handler keys on (gateway, lane, sequence) or the event id.
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
            handled += await DrainAsync(consumer, async (message, events, token) =>
            {
                foreach (var e in events)
                {
                    await handle(e, token);
                }

                await message.AckAsync(cancellationToken: token);
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
            await DrainAsync(consumer, (message, stored, _) =>
            {
                if (message.Subject == filter)
                {
                    events.AddRange(stored);
                }

                return ValueTask.CompletedTask;
            }, ct);
        }

        return events;
    }

    /// <summary>
    /// Decodes one stored message (<paramref name="format"/> = its <c>Bridge-Format</c> header) into its typed floor
    /// events, in lane order; events that are not typed floor events (e.g. audit records, JSON payloads of before) are left out.
    /// </summary>
    public static List<ReceivedFloorEvent> Decode(byte[] data, string? format, DateTimeOffset storedAt)
    {
        ArgumentNullException.ThrowIfNull(data);
        return StoredEvents.Decode(data, format)
            .Where(e => e.Schema == FloorSchema)
            .Select(e => new ReceivedFloorEvent(e, FloorEvent.Parser.ParseFrom(e.Payload), storedAt))
            .ToList();
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    private string StreamOf(int partition) => $"{_source.Stream}_{partition}";

    private static async Task<int> DrainAsync(INatsJSConsumer consumer, Func<INatsJSMsg<byte[]>, List<ReceivedFloorEvent>, CancellationToken, ValueTask> handle, CancellationToken ct)
    {
        int handled = 0;
        while (true)
        {
            int fetched = 0;
            await foreach (var message in consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 256 }, cancellationToken: ct))
            {
                fetched++;
                string? format = message.Headers is { } headers && headers.TryGetValue(StoredEvents.FormatHeader, out var value) ? value.ToString() : null;
                var events = message.Data is { } data ? Decode(data, format, message.Metadata?.Timestamp ?? DateTimeOffset.MinValue) : [];
                // A message without typed floor events is handled too (it is acknowledged: nothing for this consumer in it).
                await handle(message, events, ct);
                handled += events.Count;
            }

            if (fetched == 0)
            {
                return handled;
            }
        }
    }
}
