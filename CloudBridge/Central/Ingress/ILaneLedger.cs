using CloudBridge.Contract.V1;

namespace CloudBridge.Ingress;

/// <summary>Per gateway and lane: what central has stored, so a batch is stored once, in order, and acked.</summary>
public interface ILaneLedger
{
    /// <summary>Stores the batch durably and returns the ack; throws <see cref="Grpc.Core.RpcException"/> (FailedPrecondition) on a gap.</summary>
    Task<LedgerResult> StoreAsync(string gatewayId, UplinkBatch batch, CancellationToken ct);

    /// <summary>The highest sequence acknowledged for a gateway's lane; 0 when none.</summary>
    ValueTask<long> HighWaterMarkAsync(string gatewayId, string lane, CancellationToken ct);
}
