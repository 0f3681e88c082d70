using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using CloudBridge.Contract.V1;
using CloudBridge.Ingress;
using CloudBridge.Sinks;
using Google.Protobuf;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace CloudBridge.JetStream;

/// <summary>
/// Stores uplink events in the JetStream cluster, one subject per gateway and lane in the gateway's partition
/// stream, with the event id as JetStream message id: a batch resent through another replica is not stored twice.
/// </summary>
/// <remarks>
/// Per-lane order is enforced by JetStream itself: each event is published with
/// <c>Nats-Expected-Last-Subject-Sequence</c> = the stream sequence of the lane's previous event, one at a time and in
/// order. A publish that is lost (no ack) ends the write before anything after it is sent, and any publish whose
/// predecessor is not the lane's last stored message (a lost one, or another replica's write) is refused by the
/// server, so the stream never holds a lane's events out of order, however batches fail and whichever replica resends.
/// </remarks>
public sealed class JetStreamSink(JetStreamConnection connection, IngressMetrics? metrics = null) : ISink
{
    /// <summary>JetStream's "wrong last sequence" error: the subject's last message is not the one expected.</summary>
    private const int WrongLastSequence = 10071;

    private readonly ConcurrentDictionary<string, Tail> _tails = new(StringComparer.Ordinal);
    private long _duplicates;
    private long _refusedOutOfOrder;

    /// <summary>Events found already stored (by lane sequence or event id) since start.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Publishes JetStream refused because the lane's last stored event was not the expected one (since start).</summary>
    public long RefusedOutOfOrder => Interlocked.Read(ref _refusedOutOfOrder);

    /// <summary>
    /// Test seam: when set and it returns true for an event, that publish is lost on the way (never reaches the
    /// server, and its ack never comes), as when a node dies with the message in its socket.
    /// </summary>
    internal Func<EventEnvelope, bool>? LosePublish { get; set; }

    /// <summary>The last sequence stored on the lane's subject (not the ledger's mark: see <c>JetStreamLaneLedger</c>).</summary>
    public async ValueTask<long> GetHighWaterMarkAsync(string gatewayId, string lane, CancellationToken ct) =>
        (await ReadTailAsync(gatewayId, lane, ct)).LaneSequence;

    public async Task<int> WriteAsync(string gatewayId, string lane, IReadOnlyList<EventEnvelope> events, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(events);
        await connection.TopologyAsync(ct);
        var subject = connection.EventSubjectOf(gatewayId, lane);
        var tail = _tails.TryGetValue(subject, out var cached) ? cached : await ReadTailAsync(gatewayId, lane, ct);
        int stored = 0;
        try
        {
            foreach (var e in events)
            {
                bool done = false;
                while (!done)
                {
                    if ((long)e.Sequence <= tail.LaneSequence)
                    {
                        // Stored before (a resend, or a replica that died after storing and before the ledger moved).
                        Interlocked.Increment(ref _duplicates);
                        break;
                    }

                    var ack = await PublishAsync(subject, e, tail.StreamSequence, ct);
                    if (ack.Error is { ErrCode: WrongLastSequence })
                    {
                        // Another replica wrote the lane since this one looked: read where it stands and go on from there.
                        Interlocked.Increment(ref _refusedOutOfOrder);
                        var now = await ReadTailAsync(gatewayId, lane, ct);
                        if (now == tail)
                        {
                            ack.EnsureSuccess();
                        }

                        tail = now;
                        continue;
                    }

                    if (ack.Duplicate)
                    {
                        // EnsureSuccess treats a duplicate as an error; for us it is the dedup working. The lane moved.
                        Interlocked.Increment(ref _duplicates);
                        tail = await ReadTailAsync(gatewayId, lane, ct);
                        done = true;
                        continue;
                    }

                    ack.EnsureSuccess();
                    tail = new Tail(ack.Seq, (long)e.Sequence);
                    stored++;
                    done = true;
                }
            }
        }
        catch
        {
            // Whatever was or was not stored, the next write reads the lane's tail from the cluster.
            _tails.TryRemove(subject, out _);
            throw;
        }

        _tails[subject] = tail;
        return stored;
    }

    private async ValueTask<PubAckResponse> PublishAsync(string subject, EventEnvelope e, ulong expectedLast, CancellationToken ct)
    {
        if (LosePublish?.Invoke(e) == true)
        {
            throw new TimeoutException($"publish of lane sequence {e.Sequence} lost (fault injected): no ack");
        }

        var opts = new NatsJSPubOpts { MsgId = e.EventId, ExpectedLastSubjectSequence = expectedLast };
        long started = Stopwatch.GetTimestamp();
        var ack = await connection.JetStream.PublishAsync(subject, e.ToByteArray(), opts: opts, cancellationToken: ct);
        metrics?.Publish(started);
        return ack;
    }

    /// <summary>The lane's last stored message: its stream sequence and its lane sequence; (0, 0) when none.</summary>
    private async ValueTask<Tail> ReadTailAsync(string gatewayId, string lane, CancellationToken ct)
    {
        var stream = await StreamOfAsync(gatewayId, ct);
        try
        {
            var last = await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = connection.EventSubjectOf(gatewayId, lane) }, ct);
            return new Tail(last.Message.Seq, (long)Decode(last.Message).Sequence);
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == 404)
        {
            return new Tail(0, 0);
        }
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

    private sealed record Tail(ulong StreamSequence, long LaneSequence);
}
