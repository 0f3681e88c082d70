using System.Threading.Channels;
using LiteDB;
using Microsoft.Extensions.Logging;

namespace EdgeAgent.Storage;

/// <summary>
/// The agent's one LiteDB file with a single writer that group-commits: a write is acknowledged
/// only after its transaction is fsynced.
/// </summary>
/// <remarks>
/// Changes passed to <see cref="WriteAsync{T}(Func{LiteDatabase, T}, CancellationToken)"/> must be pure database work (no I/O, no messages,
/// no side effects outside <see cref="LiteDatabase"/>) and must not begin or commit transactions
/// themselves: the writer may roll a group back and run a change again.
/// </remarks>
public sealed partial class DurableStore : IAsyncDisposable
{
    private readonly StoreOptions _options;
    private readonly ILogger<DurableStore> _logger;
    private readonly TimeProvider _time;
    private readonly DataDirectoryLock _lock;
    private readonly LiteDatabase _db;
    private readonly LogFileSync _sync;
    private readonly AckRecord _acks;
    private readonly Channel<PendingChange> _queue;
    private readonly TaskCompletionSource _writerStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private StoreStats _stats = StoreStats.Empty;
    private StoreFault? _fault;
    private Action[] _transactionEnded = [];
    private Action<LiteDatabase>[] _committing = [];
    private Func<IReadOnlyCollection<AckMark>>[] _markSources = [];

    // Marks the mark sources gave for transactions committed but not yet fsynced (writer thread only).
    private readonly List<AckMark> _sourceMarks = [];
    private int _state; // 0 open, 1 closing, 2 closed
    private long _unfinished;

    // Held by each write transaction and each read: LiteDB does not stand a reader beside a writer.
    private readonly Lock _access = new();
    private bool _dbClosed;

    private DurableStore(StoreOptions options, ILogger<DurableStore> logger, TimeProvider time, DataDirectoryLock directoryLock, LiteDatabase db)
    {
        _options = options;
        _logger = logger;
        _time = time;
        _lock = directoryLock;
        _db = db;
        _sync = new LogFileSync(Path.GetFullPath(options.DatabasePath));
        var acksPath = AckRecord.PathOf(Path.GetFullPath(options.DatabasePath));
        _acks = AckRecord.Open(acksPath, time, AckRecord.Read(acksPath));

        // Full queue: the caller waits. Dropping would lose acknowledged-to-be events.
        _queue = Channel.CreateBounded<PendingChange>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    /// <summary>True from a successful open until disposal begins (readiness).</summary>
    public bool IsOpen => Volatile.Read(ref _state) == 0;

    /// <summary>Set once an fsync failed: from then on every write is refused until the agent restarts (liveness, readiness).</summary>
    public StoreFault? Faulted => Volatile.Read(ref _fault);

    /// <summary>The fsync of the commit log, which tests make fail.</summary>
    internal LogFileSync LogSync => _sync;

    /// <summary>
    /// Writes queued or being committed whose callers have not yet been answered: zero when the store is idle (the
    /// shift scenario waits for it before it moves its virtual clock).
    /// </summary>
    internal long Unfinished => Interlocked.Read(ref _unfinished);

    /// <summary>A snapshot of what the writer has done.</summary>
    public StoreStats Stats => Volatile.Read(ref _stats);

    /// <summary>The LiteDB file this store writes.</summary>
    public string DatabasePath => Path.GetFullPath(_options.DatabasePath);

    /// <summary>
    /// Locks the data directory, opens the file, checks it is readable and starts the writer.
    /// Throws <see cref="DataDirectoryLockedException"/> or <see cref="StoreDamagedException"/>.
    /// </summary>
    /// <param name="options">Where the store lives and how it commits.</param>
    /// <param name="logger">For the open, the commits and the close.</param>
    /// <param name="time">The clock; the system clock when null.</param>
    /// <param name="documents">The document types the parts store, mapped before the file opens (see <see cref="StoreMapping"/>).</param>
    public static DurableStore Open(StoreOptions options, ILogger<DurableStore> logger, TimeProvider? time = null, IEnumerable<Type>? documents = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        StoreMapping.Prepare(documents ?? []);
        time ??= TimeProvider.System;
        var started = time.GetTimestamp();

        var directoryLock = DataDirectoryLock.Acquire(options.DataDirectory);
        try
        {
            var path = Path.GetFullPath(options.DatabasePath);
            var recovery = InspectBeforeOpen(options, path, logger, time);

            // Verified: from here LiteDB may write, so the digest of the last clean close no longer describes the file.
            PageDigest.Remove(path);
            var db = OpenReadable(path, logger);
            MigrateOrRefuse(db, path, logger);
            var store = new DurableStore(options, logger, time, directoryLock, db) { Recovery = recovery };
            store._sync.SyncDirectory();
            store.StartWriter();
            var elapsed = time.GetElapsedTime(started);
            Log.Opened(logger, path, elapsed.TotalMilliseconds);
            return store;
        }
        catch
        {
            directoryLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Queues <paramref name="change"/> and completes once it is committed and fsynced, with its result;
    /// fails with the change's own exception if it threw, and with <see cref="StoreFaultedException"/> once an
    /// fsync has failed. <paramref name="ct"/> cancels only the wait for
    /// queue space: a queued change is committed even if the caller stops waiting.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<LiteDatabase, T> change, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return EnqueueAsync(new PendingChange<T>(change), ct);
    }

    /// <summary>
    /// As <see cref="WriteAsync{T}(Func{LiteDatabase, T}, CancellationToken)"/>, for a change whose completion the
    /// caller acknowledges to a device: <paramref name="mark"/> is recorded in the same transaction and, after the
    /// fsync, in the acknowledgement record outside LiteDB, so an open notices and names acknowledged work that a
    /// damaged file lost.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<LiteDatabase, T> change, AckMark mark, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        AckMark.EnsureValid(mark);
        return EnqueueAsync(new PendingChange<T>(change) { Mark = mark }, ct);
    }

    private async Task<T> EnqueueAsync<T>(PendingChange<T> pending, CancellationToken ct)
    {
        if (Faulted is { } fault)
        {
            throw StoreFaultedException.For(DatabasePath, fault);
        }

        Interlocked.Increment(ref _unfinished);
        try
        {
            try
            {
                await _queue.Writer.WriteAsync(pending, ct);
            }
            catch (ChannelClosedException ex)
            {
                throw new ObjectDisposedException(nameof(DurableStore), ex);
            }

            return await pending.Task;
        }
        finally
        {
            Interlocked.Decrement(ref _unfinished);
        }
    }

    /// <summary>
    /// Runs <paramref name="observer"/> on the writer thread inside every write transaction, just before its commit
    /// (after the group's changes): a part that collects records in memory during the transaction writes them here.
    /// If it throws, the transaction rolls back like a throwing change.
    /// </summary>
    public void OnCommitting(Action<LiteDatabase> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_access)
        {
            _committing = [.. _committing, observer];
        }
    }

    /// <summary>
    /// Runs <paramref name="source"/> on the writer thread inside every write transaction, just before its commit, and
    /// records the marks it returns like the marks passed with a write: in <c>store_acks</c> in the same transaction
    /// and, after the fsync, in the acknowledgement record outside LiteDB. A part that numbers what it stores (the
    /// outbox's lanes) says so here, so an open after damage can tell which numbers were already handed out.
    /// </summary>
    public void OnCommittingMarks(Func<IReadOnlyCollection<AckMark>> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        lock (_access)
        {
            _markSources = [.. _markSources, source];
        }
    }

    /// <summary>
    /// Runs <paramref name="observer"/> on the writer thread each time a write transaction ends, committed or rolled
    /// back (before the group's fsync), for a part that keeps state for the transaction in progress: the outbox
    /// closes the pages it was filling, so the next transaction starts its own.
    /// </summary>
    public void OnTransactionEnded(Action observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_access)
        {
            _transactionEnded = [.. _transactionEnded, observer];
        }
    }

    /// <summary>
    /// Runs a query on the caller's thread against the last committed state. The query must materialise
    /// what it returns: it runs while the store is held, and the writer waits for it.
    /// </summary>
    public T Read<T>(Func<LiteDatabase, T> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_access)
        {
            // LiteDB 5 corrupted pages in CI when a query read while the writer's transaction wrote
            // ("page type must be collection page", "discarded page must be writable"): reads and
            // write transactions take turns. Queries are short; the fsync happens outside.
            ObjectDisposedException.ThrowIf(_dbClosed || Volatile.Read(ref _state) == 2, this);
            try
            {
                return query(_db);
            }
            catch (Exception ex) when (IsPageDamage(ex))
            {
                // A damaged page found after the open: stop (liveness and readiness say so) so that a restart's
                // open inspects the file, keeps it and refuses or recovers, instead of answering 500s for good.
                Log.ReadHitDamage(_logger, DatabasePath, ex);
                Volatile.Write(ref _fault, new StoreFault($"a read hit a damaged page of the store file: {ex.Message}", ex, _time.GetUtcNow()));
                throw;
            }
        }
    }

    /// <summary>LiteDB's own consistency checks (ENSURE) and invalid pages: the file, not the query, is wrong.</summary>
    private static bool IsPageDamage(Exception ex) =>
        ex is LiteException { ErrorCode: >= LiteException.INVALID_DATAFILE_STATE or 0 } or IndexOutOfRangeException or EndOfStreamException;

    /// <summary>Stops accepting writes, commits what is queued, checkpoints, closes the file, releases the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            await _writerStopped.Task;
            return;
        }

        _queue.Writer.TryComplete();
        await _writerStopped.Task;
        _sync.Dispose();
        if (Faulted is null)
        {
            // Checkpointed and closed: the next open can check every page against this.
            try
            {
                PageDigest.Write(DatabasePath);
            }
            catch (IOException ex)
            {
                Log.DigestFailed(_logger, DatabasePath, ex);
            }
        }

        _lock.Dispose();
        Volatile.Write(ref _state, 2);
        Log.Closed(_logger, DatabasePath, Stats);
    }

    private static LiteDatabase OpenReadable(string path, ILogger logger)
    {
        LiteDatabase? db = null;
        try
        {
            StoreFileHeader.EnsureLiteDb(path);
            db = new LiteDatabase($"Filename={path};Connection=direct");
            foreach (var name in db.GetCollectionNames())
            {
                // One document per collection proves pages decode without scanning a large store.
                _ = db.GetCollection(name).FindAll().FirstOrDefault();
            }

            return db;
        }
        catch (Exception ex) when (ex is LiteException or InvalidCastException or IndexOutOfRangeException
            or ArgumentException or InvalidOperationException or FormatException or OverflowException or EndOfStreamException or InvalidDataException)
        {
            DisposeQuietly(db, logger, path);
            Log.StoreDamaged(logger, path, ex);
            throw StoreDamagedException.For(path, ex);
        }
    }

    private static void MigrateOrRefuse(LiteDatabase db, string path, ILogger logger)
    {
        try
        {
            if (db.UserVersion == 0 && !db.GetCollectionNames().Any())
            {
                // A brand-new store holds nothing to migrate: it is born in the current format, with no warning.
                db.UserVersion = StoreFormat.Current;
                return;
            }

            foreach (var step in StoreFormat.MigrateForward(db, path, StoreFormat.Current, StoreFormat.Migrations))
            {
                Log.Migrated(logger, path, step.To, step.Description);
            }
        }
        catch
        {
            DisposeQuietly(db, logger, path);
            throw;
        }
    }

    private static void DisposeQuietly(LiteDatabase? db, ILogger logger, string path)
    {
        try
        {
            db?.Dispose();
        }
        catch (Exception ex) when (ex is LiteException or IOException or InvalidOperationException)
        {
            Log.CloseFailed(logger, path, ex);
        }
    }
}
