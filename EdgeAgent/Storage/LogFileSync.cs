namespace EdgeAgent.Storage;

/// <summary>
/// Makes LiteDB commits durable. In direct mode LiteDB writes each commit to <c>&lt;name&gt;-log.db</c>
/// and returns without fsync; it fsyncs only the data file, at checkpoints. An fsync through our
/// own handle flushes the same inode, so after it the commit survives a power cut.
/// </summary>
/// <remarks>
/// Checked with strace on LiteDB 5.0.21: the log pages are written (pwrite) on the committing thread
/// before Commit returns, and LiteDB truncates the log at checkpoints but unlinks it only when the
/// database is disposed, so one handle per open stays on the right inode.
/// </remarks>
internal sealed class LogFileSync(string databasePath) : IDisposable
{
    private readonly string _logPath = Path.Combine(
        Path.GetDirectoryName(databasePath)!,
        Path.GetFileNameWithoutExtension(databasePath) + "-log" + Path.GetExtension(databasePath));

    private readonly string _directory = Path.GetDirectoryName(databasePath)!;
    private FileStream? _log;

    public long Fsyncs { get; private set; }

    /// <summary>The fsync itself; tests replace it to make one fail, as a disk's EIO would.</summary>
    internal Action<FileStream> FlushToDisk { get; set; } = static log => log.Flush(flushToDisk: true);

    /// <summary>fsync of the directory, so entries created at open (data file, lock file) are durable too.</summary>
    public void SyncDirectory() => NativeMethods.FSyncPath(_directory);

    /// <summary>Flushes every commit LiteDB has written so far to the disk.</summary>
    public void Sync()
    {
        if (_log is null)
        {
            if (!File.Exists(_logPath))
            {
                // No log: nothing committed since the last checkpoint, which LiteDB fsynced itself.
                return;
            }

            _log = new FileStream(_logPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);

            // The log file was just created; without this its directory entry may not survive a power cut.
            SyncDirectory();
        }

        FlushToDisk(_log);
        Fsyncs++;
    }

    public void Dispose() => _log?.Dispose();
}
