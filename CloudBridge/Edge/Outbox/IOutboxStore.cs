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

    /// <summary>
    /// As <see cref="WriteAsync{T}"/>, for a change that may wait for the next commit another writer starts (it
    /// is committed with it, sparing a commit and an fsync of its own), or at most <paramref name="within"/>. It
    /// completes, like every write, only after it is on disk. A store that cannot defer writes it at once.
    /// </summary>
    Task<T> WriteWithNextAsync<T>(Func<LiteDatabase, T> change, TimeSpan within, CancellationToken ct) => WriteAsync(change, ct);

    /// <summary>
    /// As <see cref="WriteAsync{T}"/>, for a change that applies central's commands through <paramref name="cursor"/>. A
    /// store that keeps a record of what it acknowledged outside its database notes the cursor there too, so an open
    /// after damage names the commands whose application it lost: they come again from central's log, and are applied
    /// and answered again.
    /// </summary>
    Task<T> WriteAppliedAsync<T>(Func<LiteDatabase, T> change, long cursor, CancellationToken ct) => WriteAsync(change, ct);

    /// <summary>Runs a read-only query against committed state.</summary>
    T Read<T>(Func<LiteDatabase, T> query);
}
