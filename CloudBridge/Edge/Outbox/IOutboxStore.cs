using LiteDB;

namespace CloudBridge.Outbox;

/// <summary>The agent's durable store as the bridge sees it; the host's single-writer store implements it.</summary>
public interface IOutboxStore
{
    /// <summary>
    /// Runs <paramref name="change"/> inside a transaction and completes only after it is on disk.
    /// The change may be re-run, so it must be pure database work.
    /// </summary>
    Task<T> WriteAsync<T>(Func<LiteDatabase, T> change, CancellationToken ct);

    /// <summary>Runs a read-only query against committed state.</summary>
    T Read<T>(Func<LiteDatabase, T> query);
}
