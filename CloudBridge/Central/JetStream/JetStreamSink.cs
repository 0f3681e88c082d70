using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CloudBridge.Contract.V1;
using CloudBridge.Ingress;
using CloudBridge.Sinks;
using Google.Protobuf;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace CloudBridge.JetStream;

/// <summary>
/// Stores uplink events in the JetStream cluster, one subject per gateway and lane in the gateway's partition
/// stream. A lane's batch is stored as one JetStream message (<see cref="StoredEvents"/>, several when it exceeds the
/// message size limit): one publish round trip per batch, not per event.
/// </summary>
/// <remarks>
/// Per-lane order and exactly-once are enforced by JetStream itself: each message is published with
/// <c>Nats-Expected-Last-Subject-Sequence</c> = the stream sequence of the lane's previous message, and holds only events
/// above the last one that message stored. A publish that is lost (no ack) ends the write before anything after it is
/// sent, and any publish whose predecessor is not the lane's last stored message (a lost one, or another replica's
/// write) is refused by the server, so of two replicas racing on a lane only one appends, and the stream never holds a
/// lane's events out of order or twice, however batches fail and whichever replica resends. The message id
/// (<c>Nats-Msg-Id</c> = gateway, lane and first sequence) makes an identical resend within <c>DuplicateWindow</c> a
/// recognised duplicate besides.
/// </remarks>
public sealed class JetStreamSink(JetStreamConnection connection, IngressMetrics? metrics = null) : ISink
{
    /// <summary>JetStream's "wrong last sequence" error: the subject's last message is not the one expected.</summary>
    private const int WrongLastSequence = 10071;

    private readonly ConcurrentDictionary<string, Tail> _tails = new(StringComparer.Ordinal);
    private long _duplicates;
    private long _refusedOutOfOrder;
    private long _messages;

    /// <summary>Events found already stored (by the lane's last stored sequence) since start.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Publishes JetStream refused because the lane's last stored message was not the expected one (since start).</summary>
    public long RefusedOutOfOrder => Interlocked.Read(ref _refusedOutOfOrder);

    /// <summary>JetStream messages this sink stored since start (each holding one or more events).</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>
    /// Test seam: when set and it returns true for a message, that publish is lost on the way (never reaches the
    /// server, and its ack never comes), as when a node dies with the message in its socket.
    /// </summary>
    internal Func<StoredEvents, bool>? LosePublish { get; set; }

    /// <summary>The last sequence stored on the lane's subject (not the ledger's mark: see <c>JetStreamLaneLedger</c>).</summary>
    public async ValueTask<long> GetHighWaterMarkAsync(string gatewayId, string lane, CancellationToken ct) =>
        (await ReadTailAsync(gatewayId, lane, ct)).LaneSequence;

    public async Task<int> WriteAsync(string gatewayId, string lane, IReadOnlyList<EventEnvelope> events, CancellationToken ct) =>
        (await StoreAsync(gatewayId, lane, events, ct)).Count;

    /// <summary>
    /// The lane's last stored sequence: this replica's cached view when <paramref name="cached"/> and it has one (it may be
    /// stale: a write after a stale view is refused by JetStream and re-reads), otherwise read from the cluster.
    /// </summary>
    public async ValueTask<long> LastStoredAsync(string gatewayId, string lane, bool cached, CancellationToken ct)
    {
        var subject = connection.EventSubjectOf(gatewayId, lane);
        if (cached && _tails.TryGetValue(subject, out var tail))
        {
            return tail.LaneSequence;
        }

        tail = await ReadTailAsync(gatewayId, lane, ct);
        _tails[subject] = tail;
        return tail.LaneSequence;
    }

    /// <summary>
    /// Stores the events above the lane's last stored one (see the remarks) and returns those this call stored, in lane
    /// order; the others were stored before, by this replica or another.
    /// </summary>
    public async Task<IReadOnlyList<EventEnvelope>> StoreAsync(string gatewayId, string lane, IReadOnlyList<EventEnvelope> events, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(events);
        await connection.TopologyAsync(ct);
        var subject = connection.EventSubjectOf(gatewayId, lane);
        var tail = _tails.TryGetValue(subject, out var cached) ? cached : await ReadTailAsync(gatewayId, lane, ct);
        int limit = connection.MaxEventBytesPerMessage;
        var stored = new List<EventEnvelope>();
        int next = 0;
        try
        {
            while (true)
            {
                // Stored before (a resend, a replica that died after storing and before the ledger moved, another replica).
                while (next < events.Count && (long)events[next].Sequence <= tail.LaneSequence)
                {
                    Interlocked.Increment(ref _duplicates);
                    next++;
                }

                if (next == events.Count)
                {
                    break;
                }

                var message = Pack(events, next, limit);
                var ack = await PublishAsync(subject, gatewayId, lane, message, tail.StreamSequence, ct);
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
                    // EnsureSuccess treats a duplicate as an error; for us it is the dedup working: the lane moved.
                    var now = await ReadTailAsync(gatewayId, lane, ct);
                    if (now.LaneSequence < (long)message.Events[0].Sequence)
                    {
                        throw new InvalidOperationException($"JetStream reports the message from lane sequence {message.Events[0].Sequence} on '{subject}' as a duplicate, but the lane's last stored event is {now.LaneSequence}");
                    }

                    tail = now;
                    continue;
                }

                ack.EnsureSuccess();
                Interlocked.Increment(ref _messages);
                tail = new Tail(ack.Seq, (long)message.Events[^1].Sequence);
                stored.AddRange(message.Events);
                next += message.Events.Count;
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

    /// <summary>The events from <paramref name="from"/> on that fit in one message of <paramref name="limit"/> bytes (at least one).</summary>
    private static StoredEvents Pack(IReadOnlyList<EventEnvelope> events, int from, int limit)
    {
        var message = new StoredEvents();
        int bytes = 0;
        for (int i = from; i < events.Count; i++)
        {
            int size = StoredEvents.SizeOfEntry(events[i]);
            if (message.Events.Count > 0 && bytes + size > limit)
            {
                break;
            }

            message.Events.Add(events[i]);
            bytes += size;
        }

        return message;
    }

    private async ValueTask<PubAckResponse> PublishAsync(string subject, string gatewayId, string lane, StoredEvents message, ulong expectedLast, CancellationToken ct)
    {
        if (LosePublish?.Invoke(message) == true)
        {
            throw new TimeoutException($"publish of lane sequences {message.Events[0].Sequence}..{message.Events[^1].Sequence} lost (fault injected): no ack");
        }

        var opts = new NatsJSPubOpts
        {
            MsgId = $"{gatewayId}/{lane}/{message.Events[0].Sequence.ToString(CultureInfo.InvariantCulture)}",
            ExpectedLastSubjectSequence = expectedLast,
        };
        var headers = new NatsHeaders { [StoredEvents.FormatHeader] = StoredEvents.Format };
        long started = Stopwatch.GetTimestamp();
        var ack = await connection.JetStream.PublishAsync(subject, message.ToByteArray(), opts: opts, headers: headers, cancellationToken: ct);
        metrics?.Publish(started, lane, message.Events.Count);
        return ack;
    }

    /// <summary>The lane's last stored message: its stream sequence and its lane sequence; (0, 0) when none.</summary>
    private async ValueTask<Tail> ReadTailAsync(string gatewayId, string lane, CancellationToken ct)
    {
        var stream = await StreamOfAsync(gatewayId, ct);
        try
        {
            var last = await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = connection.EventSubjectOf(gatewayId, lane) }, ct);
            var stored = Decode(last.Message);
            return new Tail(last.Message.Seq, stored.Count > 0 ? (long)stored[^1].Sequence : 0);
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

            next = response.Message.Seq + 1;
            foreach (var envelope in Decode(response.Message))
            {
                if ((long)envelope.Sequence > afterSequence)
                {
                    yield return envelope;
                }
            }
        }
    }

    private async ValueTask<INatsJSStream> StreamOfAsync(string gatewayId, CancellationToken ct) =>
        (await connection.TopologyAsync(ct)).EventStreams[connection.EventStreamOf(gatewayId)];

    /// <summary>The events of a message read back by the stream's get API (its headers arrive NATS-encoded).</summary>
    private static IReadOnlyList<EventEnvelope> Decode(StoredMessage message) =>
        StoredEvents.Decode(message.Data.Span, FormatOf(message.Hdrs));

    /// <summary>
    /// The <see cref="StoredEvents.FormatHeader"/> value in a stored message's headers, as the stream's get API returns
    /// them: base64 of "NATS/1.0", then "Key: value" lines.
    /// </summary>
    private static string? FormatOf(string? encodedHeaders)
    {
        if (string.IsNullOrEmpty(encodedHeaders))
        {
            return null;
        }

        foreach (var line in Encoding.ASCII.GetString(Convert.FromBase64String(encodedHeaders)).Split("\r\n"))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals(StoredEvents.FormatHeader, StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    private sealed record Tail(ulong StreamSequence, long LaneSequence);
}
