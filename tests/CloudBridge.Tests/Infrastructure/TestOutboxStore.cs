using CloudBridge.Outbox;
using LiteDB;

namespace CloudBridge.Tests.Infrastructure;

/// <summary>
/// A small real <see cref="IOutboxStore"/>: one LiteDB file, one lock, one transaction per write, and the
/// <c>-log.db</c> file fsynced after each commit (LiteDB itself does not fsync at commit).
/// The agent's DurableStore replaces it at merge.
/// </summary>
public sealed class TestOutboxStore : IOutboxStore, IDisposable
{
    private readonly LiteDatabase _db;
    private readonly Lock _gate = new();
    private readonly string _logPath;

    public TestOutboxStore(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "agent.db");
        _logPath = Path.Combine(directory, "agent-log.db");
        _db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
    }

    public Task<T> WriteAsync<T>(Func<LiteDatabase, T> change, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _db.BeginTrans();
            T result;
            try
            {
                result = change(_db);
                _db.Commit();
            }
            catch
            {
                _db.Rollback();
                throw;
            }

            FsyncLog();
            return Task.FromResult(result);
        }
    }

    public T Read<T>(Func<LiteDatabase, T> query) => query(_db);

    public void Dispose() => _db.Dispose();

    private void FsyncLog()
    {
        if (!File.Exists(_logPath))
        {
            return;
        }

        using var log = new FileStream(_logPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        log.Flush(flushToDisk: true);
    }
}
