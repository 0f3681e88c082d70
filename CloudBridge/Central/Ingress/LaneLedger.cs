using System.Collections.Concurrent;
using CloudBridge.Contract.V1;
using CloudBridge.Sinks;
using Grpc.Core;

namespace CloudBridge.Ingress;

/// <summary>
/// The single-process ledger of the embedded default: the sink's own high-water marks, one batch per lane at a time,
/// so a stale stream racing a fresh one cannot interleave. A gateway must stick to this one ingress.
/// </summary>
public sealed class LaneLedger(ISink sink) : ILaneLedger
{
    private readonly ConcurrentDictionary<(string, string), SemaphoreSlim> _gates = new();

    public async Task<LedgerResult> StoreAsync(string gatewayId, UplinkBatch batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var gate = _gates.GetOrAdd((gatewayId, batch.Lane), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            long hwm = await sink.GetHighWaterMarkAsync(gatewayId, batch.Lane, ct);
            var fresh = LaneContinuity.Fresh(batch, hwm, out var gap);
            if (gap is { } status)
            {
                throw new RpcException(status);
            }

            int stored = fresh.Count > 0 ? await sink.WriteAsync(gatewayId, batch.Lane, fresh, ct) : 0;
            return new LedgerResult(LaneContinuity.Ack(batch, stored), fresh);
        }
        finally
        {
            gate.Release();
        }
    }

    public ValueTask<long> HighWaterMarkAsync(string gatewayId, string lane, CancellationToken ct) => sink.GetHighWaterMarkAsync(gatewayId, lane, ct);
}
