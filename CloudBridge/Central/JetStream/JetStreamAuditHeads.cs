using CloudBridge.Audit;
using CloudBridge.Contract.V1;
using Google.Protobuf;
using NATS.Client.KeyValueStore;

namespace CloudBridge.JetStream;

/// <summary>Verified audit-chain heads in a replicated KV bucket (key: gateway id), saved by compare-and-set on the revision.</summary>
public sealed class JetStreamAuditHeads(JetStreamConnection connection) : IAuditHeadStore
{
    public async Task<AuditHead> LoadAsync(string gatewayId, CancellationToken ct)
    {
        var bucket = (await connection.TopologyAsync(ct)).AuditHeads;
        var entry = await bucket.TryGetEntryAsync<byte[]>(gatewayId, cancellationToken: ct);
        if (!entry.Success)
        {
            return entry.Error is NatsKVKeyNotFoundException ? new AuditHead(new AuditChainState(), 0) : throw entry.Error;
        }

        return new AuditHead(AuditChainState.Parser.ParseFrom(entry.Value.Value ?? []), entry.Value.Revision);
    }

    public async Task<bool> TrySaveAsync(string gatewayId, AuditHead head, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(head);
        var bucket = (await connection.TopologyAsync(ct)).AuditHeads;
        var value = head.State.ToByteArray();
        var result = head.Revision == 0
            ? await bucket.TryCreateAsync(gatewayId, value, cancellationToken: ct)
            : await bucket.TryUpdateAsync(gatewayId, value, head.Revision, cancellationToken: ct);
        return result.Success || (result.Error is NatsKVWrongLastRevisionException or NatsKVCreateException ? false : throw result.Error);
    }
}
