using CloudBridge.Outbox;
using LiteDB;

namespace CloudBridge.Bench;

/// <summary>The same durability contract as the agent's store: one writer, one transaction per write, fsync of LiteDB's log after commit.</summary>
internal sealed class BenchOutboxStore : IOutboxStore, IDisposable
{
    private readonly LiteDatabase _db;
    private readonly Lock _gate = new();
    private readonly string _logPath;

    public BenchOutboxStore(string directory)
    {
        Directory.CreateDirectory(directory);
        _logPath = Path.Combine(directory, "agent-log.db");
        _db = new LiteDatabase(new ConnectionString { Filename = Path.Combine(directory, "agent.db"), Connection = ConnectionType.Direct });
    }

    public Task<T> WriteAsync<T>(Func<LiteDatabase, T> change, CancellationToken ct)
    {
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

            if (File.Exists(_logPath))
            {
                using var log = new FileStream(_logPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                log.Flush(flushToDisk: true);
            }

            return Task.FromResult(result);
        }
    }

    public T Read<T>(Func<LiteDatabase, T> query) => query(_db);

    public void Dispose() => _db.Dispose();
}
