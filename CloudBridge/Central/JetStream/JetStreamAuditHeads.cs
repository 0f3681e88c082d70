using System.Collections.Concurrent;
using CloudBridge.Audit;
using CloudBridge.Contract.V1;
using Google.Protobuf;
using NATS.Client.KeyValueStore;

namespace CloudBridge.JetStream;

/// <summary>
/// Verified audit-chain heads in a replicated KV bucket (key: gateway id), saved by compare-and-set on the revision.
/// The head this replica saved last is kept: if another replica moved it since, the save fails and the next load reads it.
/// </summary>
public sealed class JetStreamAuditHeads(JetStreamConnection connection) : IAuditHeadStore
{
    private readonly ConcurrentDictionary<string, AuditHead> _saved = new(StringComparer.Ordinal);

    public async Task<AuditHead> LoadAsync(string gatewayId, CancellationToken ct)
    {
        if (_saved.TryGetValue(gatewayId, out var saved))
        {
            return saved;
        }

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
        if (result.Success)
        {
            _saved[gatewayId] = head with { Revision = result.Value };
            return true;
        }

        _saved.TryRemove(gatewayId, out _);
        return result.Error is NatsKVWrongLastRevisionException or NatsKVCreateException ? false : throw result.Error;
    }
}
