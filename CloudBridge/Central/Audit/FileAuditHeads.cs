using System.Collections.Concurrent;
using CloudBridge.Contract.V1;
using Google.Protobuf;

namespace CloudBridge.Audit;

/// <summary>The embedded default: one small file per gateway, replaced atomically (write, fsync, rename).</summary>
public sealed class FileAuditHeads : IAuditHeadStore
{
    private readonly string _root;
    private readonly ConcurrentDictionary<string, AuditHead> _heads = new(StringComparer.Ordinal);
    private readonly Lock _save = new();

    public FileAuditHeads(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        _root = Path.Combine(dataDirectory, "audit");
        Directory.CreateDirectory(_root);
    }

    public Task<AuditHead> LoadAsync(string gatewayId, CancellationToken ct) =>
        Task.FromResult(_heads.GetOrAdd(gatewayId, id =>
        {
            var path = PathOf(id);
            return File.Exists(path) ? new AuditHead(AuditChainState.Parser.ParseFrom(File.ReadAllBytes(path)), 1) : new AuditHead(new AuditChainState(), 0);
        }));

    public Task<bool> TrySaveAsync(string gatewayId, AuditHead head, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(head);
        lock (_save)
        {
            var current = _heads.GetValueOrDefault(gatewayId);
            if ((current?.Revision ?? 0) != head.Revision)
            {
                return Task.FromResult(false);
            }

            var path = PathOf(gatewayId);
            var temp = path + ".tmp";
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                head.State.WriteTo(file);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
            _heads[gatewayId] = head with { Revision = head.Revision + 1 };
            return Task.FromResult(true);
        }
    }

    private string PathOf(string gatewayId) =>
        Path.Combine(_root, gatewayId.Replace('/', '_').Replace('\\', '_') + ".head");
}
