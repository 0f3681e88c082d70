using CloudBridge.Outbox;
using EdgeAgent.Bridge;
using EdgeAgent.Storage;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudBridge.Bench;

/// <summary>The agent's own DurableStore (group commit, fsync before the write completes) behind the host's outbox adapter, opened on a bench directory.</summary>
internal sealed class AgentOutboxStore : IOutboxStore, IAsyncDisposable
{
    private readonly DurableStore _store;
    private readonly OutboxStore _outbox;

    private AgentOutboxStore(DurableStore store)
    {
        _store = store;
        _outbox = new OutboxStore(store);
    }

    public static AgentOutboxStore Open(string directory)
    {
        Directory.CreateDirectory(directory);
        return new AgentOutboxStore(DurableStore.Open(new StoreOptions { DataDirectory = directory }, NullLogger<DurableStore>.Instance));
    }

    /// <summary>An outbox on this store, told when each of the store's transactions ends, as the agent's host wires it.</summary>
    public Outbox.Outbox NewOutbox(OutboxOptions options)
    {
        var outbox = new Outbox.Outbox(options, TimeProvider.System, NullLogger<Outbox.Outbox>.Instance);
        _store.OnCommitting(outbox.WritePages);
        _store.OnTransactionEnded(outbox.SealPages);
        return outbox;
    }

    public Task<T> WriteAsync<T>(Func<LiteDatabase, T> change, CancellationToken ct) => _outbox.WriteAsync(change, ct);

    public Task<T> WriteWithNextAsync<T>(Func<LiteDatabase, T> change, TimeSpan within, CancellationToken ct) => _outbox.WriteWithNextAsync(change, within, ct);

    public T Read<T>(Func<LiteDatabase, T> query) => _outbox.Read(query);

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
