using System.Runtime.CompilerServices;
using CloudBridge.Contract.V1;
using CloudBridge.Sinks;
using Google.Protobuf;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace CloudBridge.JetStream;

/// <summary>
/// Stores uplink events in the JetStream cluster, one subject per gateway and lane in the gateway's partition
/// stream, with the event id as JetStream message id: a batch resent through another replica is not stored twice.
/// </summary>
public sealed class JetStreamSink(JetStreamConnection connection) : ISink
{
    private long _duplicates;

    /// <summary>Events JetStream recognised as already stored (by event id) since start.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>The last sequence stored on the lane's subject (not the ledger's mark: see <c>JetStreamLaneLedger</c>).</summary>
    public async ValueTask<long> GetHighWaterMarkAsync(string gatewayId, string lane, CancellationToken ct)
    {
        var stream = await StreamOfAsync(gatewayId, ct);
        try
        {
            var last = await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = connection.EventSubjectOf(gatewayId, lane) }, ct);
            return (long)Decode(last.Message).Sequence;
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == 404)
        {
            return 0;
        }
    }

    public async Task<int> WriteAsync(string gatewayId, string lane, IReadOnlyList<EventEnvelope> events, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(events);
        await connection.TopologyAsync(ct);
        var subject = connection.EventSubjectOf(gatewayId, lane);
        var js = connection.JetStream;
        int stored = 0;
        // One connection publishes in order, so a lane's events are stored in sequence order.
        foreach (var chunk in events.Chunk(connection.Options.MaxPublishesInFlight))
        {
            var acks = new Task<PubAckResponse>[chunk.Length];
            for (int i = 0; i < chunk.Length; i++)
            {
                acks[i] = js.PublishAsync(subject, chunk[i].ToByteArray(), opts: new NatsJSPubOpts { MsgId = chunk[i].EventId }, cancellationToken: ct).AsTask();
            }

            foreach (var ack in await Task.WhenAll(acks))
            {
                // EnsureSuccess treats a duplicate as an error; for us it is the dedup working.
                if (ack.Duplicate)
                {
                    Interlocked.Increment(ref _duplicates);
                    continue;
                }

                ack.EnsureSuccess();
                stored++;
            }
        }

        return stored;
    }

    public async IAsyncEnumerable<EventEnvelope> ReadAsync(string gatewayId, string lane, long afterSequence, [EnumeratorCancellation] CancellationToken ct)
    {
        var stream = await StreamOfAsync(gatewayId, ct);
        var subject = connection.EventSubjectOf(gatewayId, lane);
        ulong next = 1;
        while (true)
        {
            StreamMsgGetResponse response;
            try
            {
                response = await stream.GetAsync(new StreamMsgGetRequest { Seq = next, NextBySubj = subject }, ct);
            }
            catch (NatsJSApiException ex) when (ex.Error.Code == 404)
            {
                yield break;
            }

            var envelope = Decode(response.Message);
            next = response.Message.Seq + 1;
            if ((long)envelope.Sequence > afterSequence)
            {
                yield return envelope;
            }
        }
    }

    private async ValueTask<INatsJSStream> StreamOfAsync(string gatewayId, CancellationToken ct) =>
        (await connection.TopologyAsync(ct)).EventStreams[connection.EventStreamOf(gatewayId)];

    private static EventEnvelope Decode(StoredMessage message) => EventEnvelope.Parser.ParseFrom(message.Data.Span);
}
