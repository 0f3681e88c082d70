using CloudBridge.Outbox;
using EdgeAgent.Bridge;
using EdgeAgent.Storage;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudBridge.Tests.Infrastructure;

/// <summary>
/// The agent's own store behind the bridge's <see cref="IOutboxStore"/>: the single group-commit writer
/// that fsyncs before it acknowledges, exactly as the agent runs it.
/// </summary>
public sealed class TestOutboxStore : IOutboxStore, IAsyncDisposable
{
    private readonly DurableStore _store;
    private readonly OutboxStore _outbox;

    public TestOutboxStore(string directory)
    {
        _store = DurableStore.Open(new StoreOptions { DataDirectory = directory }, NullLogger<DurableStore>.Instance);
        _outbox = new OutboxStore(_store);
    }

    public Task<T> WriteAsync<T>(Func<LiteDatabase, T> change, CancellationToken ct) => _outbox.WriteAsync(change, ct);

    public T Read<T>(Func<LiteDatabase, T> query) => _outbox.Read(query);

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
