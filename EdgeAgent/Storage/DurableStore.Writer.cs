using Microsoft.Extensions.Logging;

namespace EdgeAgent.Storage;

/// <summary>The single writer: one dedicated thread, because LiteDB binds a transaction to the thread that began it.</summary>
public sealed partial class DurableStore
{
    private void StartWriter()
    {
        var thread = new Thread(WriterLoop)
        {
            Name = "DurableStore writer",
            IsBackground = true,
        };
        thread.Start();
    }

    private void WriterLoop()
    {
        var group = new List<PendingChange>(Math.Min(_options.MaxBatchSize, 4096));
        try
        {
            // Blocking this thread between groups is the point: nothing else runs here.
            while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                group.Clear();
                while (group.Count < _options.MaxBatchSize && _queue.Reader.TryRead(out var change))
                {
                    group.Add(change);
                }

                if (group.Count > 0 && Faulted is null)
                {
                    TakeRiders(group);
                }

                if (Faulted is { } fault)
                {
                    RefuseAfterFault(group, fault);
                }
                else if (group.Count > 0)
                {
                    CommitGroup(group);
                }
            }

            lock (_access)
            {
                // After a failed fsync the log's pages in the kernel may be stale: no checkpoint copies them
                // into the data file; the restart replays the log from what is on disk.
                if (Faulted is null)
                {
                    _db.Checkpoint();
                    _db.Dispose();
                }
                else
                {
                    DisposeQuietly(_db, _logger, DatabasePath);
                }

                _dbClosed = true;
            }

            // Its marks are all for fsynced commits: syncing them is right even after a fault.
            _acks.Dispose();
            _writerStopped.TrySetResult();
        }
        catch (Exception ex)
        {
            // Not a change's failure (those are caught per group) but the writer's own: stop, and fail
            // every waiting caller rather than leave them hanging.
            Log.WriterFaulted(_logger, DatabasePath, ex);
            Volatile.Write(ref _fault, new StoreFault($"the store writer stopped: {ex.GetType().Name}: {ex.Message}", ex, _time.GetUtcNow()));
            Volatile.Write(ref _state, 1);
            _queue.Writer.TryComplete(ex);
            foreach (var change in group)
            {
                change.Fail(ex);
            }

            while (_queue.Reader.TryRead(out var change))
            {
                change.Fail(ex);
            }

            DisposeQuietly(_db, _logger, DatabasePath);
            _acks.Dispose();
            _writerStopped.TrySetResult();
        }
    }

    private void CommitGroup(List<PendingChange> group)
    {
        var started = _time.GetTimestamp();
        var error = TryCommitTogether(group);
        if (error is not null)
        {
            if (group.Count == 1)
            {
                Fail(group[0], error);
                return;
            }

            // Which change threw is found by running each alone; only that caller gets an exception.
            Log.GroupRolledBack(_logger, group.Count, error);
            CommitOneByOne(group);
            return;
        }

        if (MakeDurable(group, commits: 1))
        {
            Record(groups: 1, committed: group.Count, largest: group.Count, failed: 0);
            foreach (var change in group)
            {
                change.Acknowledge();
            }
            if (_logger.IsEnabled(LogLevel.Trace))
            {
                var elapsed = _time.GetElapsedTime(started);
                Log.GroupCommitted(_logger, group.Count, elapsed.TotalMilliseconds);
            }
        }
    }

    private Exception? TryCommitTogether(List<PendingChange> group)
    {
        lock (_access)
        {
            return TryCommitTogetherLocked(group);
        }
    }

    private Exception? TryCommitTogetherLocked(List<PendingChange> group)
    {
        _db.BeginTrans();
        try
        {
            foreach (var change in group)
            {
                change.Run(_db);
            }

            Committing();
            var sourced = SourceMarks();
            StoredAcks.Raise(_db, MarksOf(group).Concat(sourced));
            _db.Commit();
            _sourceMarks.AddRange(sourced);
            return null;
        }
        catch (Exception ex)
        {
            _db.Rollback();
            return ex;
        }
        finally
        {
            TransactionEnded();
        }
    }

    private void Committing()
    {
        foreach (var observer in _committing)
        {
            observer(_db);
        }
    }

    /// <summary>The marks of the parts that number what they store, for the transaction about to commit.</summary>
    private IReadOnlyList<AckMark> SourceMarks()
    {
        List<AckMark>? marks = null;
        foreach (var source in _markSources)
        {
            foreach (var mark in source())
            {
                AckMark.EnsureValid(mark);
                (marks ??= []).Add(mark);
            }
        }

        return marks is null ? Array.Empty<AckMark>() : marks;
    }

    private void TransactionEnded()
    {
        foreach (var observer in _transactionEnded)
        {
            observer();
        }
    }

    private void CommitOneByOne(List<PendingChange> group)
    {
        var committed = new List<PendingChange>(group.Count);
        foreach (var change in group)
        {
            using var access = _access.EnterScope();
            _db.BeginTrans();
            try
            {
                change.Run(_db);
                Committing();
                var sourced = SourceMarks();
                StoredAcks.Raise(_db, MarksOf([change]).Concat(sourced));
                _db.Commit();
                _sourceMarks.AddRange(sourced);
                committed.Add(change);
            }
            catch (Exception ex)
            {
                _db.Rollback();
                Fail(change, ex);
            }
            finally
            {
                TransactionEnded();
            }
        }

        if (committed.Count > 0 && MakeDurable(committed, commits: committed.Count))
        {
            Record(groups: committed.Count, committed: committed.Count, largest: 1, failed: 0);
            foreach (var change in committed)
            {
                change.Acknowledge();
            }
        }
    }

    /// <summary>
    /// fsync; if it fails, the commits are in LiteDB but not known to be on disk, so nobody is told OK, and the
    /// store stops for good: the kernel may have dropped the failed pages and a later fsync would prove nothing.
    /// </summary>
    private bool MakeDurable(List<PendingChange> committed, int commits)
    {
        // The marks of the parts are for these commits: recorded below with them, or never.
        IReadOnlyList<AckMark> sourced = _sourceMarks.Count == 0 ? [] : [.. _sourceMarks];
        _sourceMarks.Clear();
        if (Faulted is { } earlier)
        {
            RefuseAfterFault(committed, earlier);
            return false;
        }

        try
        {
            _sync.Sync();
        }
        catch (IOException ex)
        {
            var fault = new StoreFault($"fsync of the commit log failed: {ex.Message}", ex, _time.GetUtcNow());
            Volatile.Write(ref _fault, fault);
            Log.FsyncFailed(_logger, DatabasePath, commits, ex);
            RefuseAfterFault(committed, fault);
            return false;
        }

        // Only now, with the commit on disk, may the record outside LiteDB say so (it must never run ahead).
        _acks.Append([.. MarksOf(committed), .. sourced]);
        return true;
    }

    private static List<AckMark> MarksOf(List<PendingChange> changes)
    {
        var marks = new List<AckMark>();
        foreach (var change in changes)
        {
            if (change.Mark is { } mark)
            {
                marks.Add(mark);
            }
        }

        return marks;
    }

    private void RefuseAfterFault(List<PendingChange> changes, StoreFault fault)
    {
        if (changes.Count == 0)
        {
            return;
        }

        Record(groups: 0, committed: 0, largest: 0, failed: changes.Count);
        var refused = StoreFaultedException.For(DatabasePath, fault);
        foreach (var change in changes)
        {
            change.Fail(refused);
        }
    }

    private void Fail(PendingChange change, Exception ex)
    {
        // A refusal for lack of space is the caller's answer to give (and to log, rate-limited); not a failure here.
        if (!SpaceRefusal.Is(ex))
        {
            Log.ChangeFailed(_logger, ex);
        }

        Record(groups: 0, committed: 0, largest: 0, failed: 1);
        change.Fail(ex);
    }

    // Only the writer thread writes the stats; readers get an immutable snapshot.
    private void Record(long groups, long committed, int largest, long failed)
    {
        var s = _stats;
        Volatile.Write(ref _stats, new StoreStats(
            s.GroupsCommitted + groups,
            s.ChangesCommitted + committed,
            Math.Max(s.LargestGroup, largest),
            _sync.Fsyncs,
            s.FailedChanges + failed,
            _acks.Fsyncs));
    }
}
