using System.Globalization;
using System.Text;

namespace EdgeAgent.Storage;

/// <summary>
/// Exclusive hold on a data directory for the life of the process. LiteDB's direct mode takes no
/// lock of its own on Linux, and two writers on one file corrupt it.
/// </summary>
/// <remarks>
/// .NET opens a file with <see cref="FileShare.None"/> by taking <c>flock(LOCK_EX|LOCK_NB)</c>,
/// which the kernel drops when the process dies, even on kill -9, so a crash never leaves a stale
/// lock behind. The pid inside the file is only there to tell the operator who holds it.
/// (Setting DOTNET_SYSTEM_IO_DISABLEFILELOCKING turns this off; do not set it for the agent.)
/// </remarks>
public sealed class DataDirectoryLock : IDisposable
{
    /// <summary>The lock file's name inside the data directory.</summary>
    public const string LockFileName = "edgeagent.lock";

    private readonly FileStream _file;

    private DataDirectoryLock(string directory, FileStream file)
    {
        DataDirectory = directory;
        _file = file;
    }

    /// <summary>The locked directory, as a full path.</summary>
    public string DataDirectory { get; }

    /// <summary>Takes the lock or fails at once with <see cref="DataDirectoryLockedException"/>.</summary>
    public static DataDirectoryLock Acquire(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var directory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, LockFileName);

        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        }
        catch (IOException ex) when (ex is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
        {
            throw DataDirectoryLockedException.For(directory, TryReadHolderPid(path), ex);
        }

        try
        {
            var pid = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            file.SetLength(0);
            file.Write(pid);
            file.Flush(flushToDisk: true);
            return new DataDirectoryLock(directory, file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Releases the lock; the pid stays in the file, harmless, until the next holder overwrites it.</summary>
    public void Dispose() => _file.Dispose();

    private static int? TryReadHolderPid(string path)
    {
        try
        {
            var text = Encoding.ASCII.GetString(NativeMethods.ReadPrefix(path, 32)).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            // The pid only decorates the message; the lock failure is what the caller needs.
            return null;
        }
    }
}
