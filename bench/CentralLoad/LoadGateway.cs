using System.Collections.Concurrent;
using System.Diagnostics;
using CloudBridge.Contract.Audit.V1;
using CloudBridge.Contract.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace CentralLoad;

/// <summary>
/// One simulated DC gateway speaking the real uplink protocol: one stream, its own lanes with contiguous sequences,
/// a window of batches in flight. Saturated (as fast as acks allow) or paced at a rate (a batch per lane per tick).
/// </summary>
internal sealed class LoadGateway(string id, Uplink.UplinkClient client)
{
    private static readonly ByteString Payload = ByteString.CopyFrom(Enumerable.Range(0, LaneMix.PayloadBytes).Select(i => (byte)('a' + (i % 26))).ToArray());
    private readonly ulong[] _next = [1, 1, 1];
    private readonly double[] _carry = new double[LaneMix.Lanes.Length];
    private ulong _batchId;
    private string _auditHead = AuditChain.Genesis;

    public static string IdOf(int index) => $"dc-{index:D4}";

    /// <summary>Runs until cancelled. <paramref name="eventsPerSecond"/> 0 means saturated.</summary>
    public async Task RunAsync(double eventsPerSecond, TimeSpan tick, int window, LoadStats stats, CancellationToken ct)
    {
        var headers = new Metadata { { BridgeMetadata.GatewayHeader, id }, { "authorization", "Bearer " + IngressReplicas.TokenOf(id) } };
        using var call = client.Stream(headers, cancellationToken: ct);
        await call.ResponseHeadersAsync;
        using var slots = new SemaphoreSlim(window, window);
        var pending = new ConcurrentDictionary<ulong, (long Sent, int Events)>();
        var acks = ReadAcksAsync(call.ResponseStream, pending, slots, stats, ct);
        try
        {
            if (eventsPerSecond <= 0)
            {
                for (int i = 0; !ct.IsCancellationRequested; i = (i + 1) % LaneMix.Lanes.Length)
                {
                    await SendAsync(call.RequestStream, i, LaneMix.Lanes[i].SaturatedBatch, slots, pending, ct);
                }
            }
            else
            {
                using var timer = new PeriodicTimer(tick);
                while (await timer.WaitForNextTickAsync(ct))
                {
                    for (int i = 0; i < LaneMix.Lanes.Length; i++)
                    {
                        _carry[i] += eventsPerSecond * tick.TotalSeconds * LaneMix.Lanes[i].Share;
                        int count = (int)_carry[i];
                        if (count > 0)
                        {
                            _carry[i] -= count;
                            await SendAsync(call.RequestStream, i, count, slots, pending, ct);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (RpcException) when (ct.IsCancellationRequested)
        {
        }

        try
        {
            await acks;
        }
        catch (Exception ex) when (ct.IsCancellationRequested && ex is OperationCanceledException or RpcException)
        {
        }
    }

    private async Task SendAsync(IClientStreamWriter<UplinkBatch> requests, int lane, int count, SemaphoreSlim slots, ConcurrentDictionary<ulong, (long, int)> pending, CancellationToken ct)
    {
        await slots.WaitAsync(ct);
        var name = LaneMix.Lanes[lane].Lane;
        var batch = new UplinkBatch { BatchId = ++_batchId, Lane = name };
        var now = Timestamp.FromDateTime(DateTime.UtcNow);
        for (int i = 0; i < count; i++)
        {
            long sequence = (long)_next[lane]++;
            var e = new EventEnvelope
            {
                GatewayId = id,
                Lane = name,
                Sequence = (ulong)sequence,
                EventId = Guid.NewGuid().ToString("N"),
                Type = "load.event",
                OccurredAt = now,
                Payload = Payload,
            };
            if (name == "audit")
            {
                // Real chained records: central checks each hash and link, as it would a gateway's.
                e.Type = AuditChain.EventType;
                e.Schema = AuditChain.Schema;
                e.Payload = NextAuditRecord(sequence, now).ToByteString();
            }

            batch.Events.Add(e);
        }

        pending[batch.BatchId] = (Stopwatch.GetTimestamp(), count);
        await requests.WriteAsync(batch, ct);
    }

    private AuditRecord NextAuditRecord(long seq, Timestamp at)
    {
        var record = new AuditRecord
        {
            Seq = seq,
            At = at,
            Kind = AuditKind.Decision,
            ActionType = "task.reassign",
            Inputs = "{\"task\":\"T-" + seq + "\",\"zone\":\"A\"}",
            Method = "late-risk",
            MethodVersion = "1.4.0",
            Confidence = 0.91,
            Right = "automated",
            Actor = "system",
            Verdict = "execute",
            PreviousHash = _auditHead,
        };
        record.Hash = AuditChain.ComputeHash(record);
        _auditHead = record.Hash;
        return record;
    }

    private static async Task ReadAcksAsync(IAsyncStreamReader<UplinkAck> acks, ConcurrentDictionary<ulong, (long Sent, int Events)> pending, SemaphoreSlim slots, LoadStats stats, CancellationToken ct)
    {
        while (await acks.MoveNext(ct))
        {
            if (pending.TryRemove(acks.Current.BatchId, out var sent))
            {
                stats.Acked(sent.Events, Stopwatch.GetElapsedTime(sent.Sent).TotalMilliseconds);
            }

            slots.Release();
        }
    }
}
