using System.Collections.Concurrent;
using CloudBridge.Contract.V1;
using CloudBridge.Sinks;
using Grpc.Core;

namespace CloudBridge.Ingress;

/// <summary>
/// Per gateway and lane: drops what the sink already has, refuses gaps, stores the rest and builds the ack.
/// One batch per lane at a time, so a stale stream racing a fresh one cannot interleave.
/// </summary>
public sealed class LaneLedger(ISink sink)
{
    private readonly ConcurrentDictionary<(string, string), SemaphoreSlim> _gates = new();

    /// <summary>Stores the batch durably and returns the ack; throws <see cref="RpcException"/> (FailedPrecondition) on a gap.</summary>
    public async Task<UplinkAck> StoreAsync(string gatewayId, UplinkBatch batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var gate = _gates.GetOrAdd((gatewayId, batch.Lane), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            long hwm = await sink.GetHighWaterMarkAsync(gatewayId, batch.Lane, ct);
            var fresh = batch.Events.Where(e => (long)e.Sequence > hwm).ToList();
            int stored = 0;
            if (fresh.Count > 0)
            {
                long first = (long)fresh[0].Sequence;
                bool shedGap = batch.SkipTo != 0 && (long)batch.SkipTo == first && batch.Events[0].Sequence == batch.SkipTo;
                if (first != hwm + 1 && !shedGap)
                {
                    throw new RpcException(new Status(StatusCode.FailedPrecondition, $"sequence gap on lane '{batch.Lane}': expected {hwm + 1}, got {first}"));
                }

                stored = await sink.WriteAsync(gatewayId, batch.Lane, fresh, ct);
            }

            return new UplinkAck
            {
                Lane = batch.Lane,
                AckedThrough = batch.Events[^1].Sequence,
                BatchId = batch.BatchId,
                Duplicates = (uint)(batch.Events.Count - stored),
            };
        }
        finally
        {
            gate.Release();
        }
    }
}
