using CloudBridge.Outbox;
using LiteDB;

namespace CloudBridge.Edge.Tests.Infrastructure;

/// <summary>
/// A real LiteDB file behind the bridge's <see cref="IOutboxStore"/>, as small as the contract allows: one writer at a
/// time, one transaction per <see cref="WriteAsync{T}"/>, reads taking turns with writes. LiteDB writes a commit to its
/// log before <c>Commit</c> returns, so a committed write survives a killed process (not a power cut: no fsync).
/// </summary>
public sealed class TestOutboxStore : IOutboxStore, IAsyncDisposable
{
    private readonly LiteDatabase _db;
    private readonly Lock _access = new();

    public TestOutboxStore(string directory)
    {
        Directory.CreateDirectory(directory);
        _db = new LiteDatabase($"Filename={Path.Combine(directory, "outbox.db")};Connection=direct");
    }

    private long _writes;
    private long _ridingWrites;

    /// <summary>
    /// Called when each write transaction ends, committed or rolled back, still holding the store (as the agent's store
    /// calls <see cref="Outbox.Outbox.SealPages"/>); none by default, like a store that does not report them.
    /// </summary>
    public Action? TransactionEnded { get; set; }

    /// <summary>Writes asked for with <see cref="WriteAsync{T}"/> (a commit of their own in a real store).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Writes asked for with <see cref="WriteWithNextAsync{T}"/> (riding with the next commit in the agent's store; written at once here).</summary>
    public long RidingWrites => Interlocked.Read(ref _ridingWrites);

    public Task<T> WriteAsync<T>(Func<LiteDatabase, T> change, CancellationToken ct)
    {
        Interlocked.Increment(ref _writes);
        return Write(change, ct);
    }

    public Task<T> WriteWithNextAsync<T>(Func<LiteDatabase, T> change, TimeSpan within, CancellationToken ct)
    {
        Interlocked.Increment(ref _ridingWrites);
        return Write(change, ct);
    }

    private Task<T> Write<T>(Func<LiteDatabase, T> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        ct.ThrowIfCancellationRequested();
        lock (_access)
        {
            _db.BeginTrans();
            try
            {
                var result = change(_db);
                _db.Commit();
                return Task.FromResult(result);
            }
            catch
            {
                _db.Rollback();
                throw;
            }
            finally
            {
                TransactionEnded?.Invoke();
            }
        }
    }

    public T Read<T>(Func<LiteDatabase, T> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_access)
        {
            return query(_db);
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_access)
        {
            _db.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
