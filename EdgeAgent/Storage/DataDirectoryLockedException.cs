namespace EdgeAgent.Storage;

/// <summary>Another EdgeAgent (or another store in this process) already holds the data directory.</summary>
public sealed class DataDirectoryLockedException : IOException
{
    public DataDirectoryLockedException()
    {
    }

    public DataDirectoryLockedException(string message)
        : base(message)
    {
    }

    public DataDirectoryLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The directory that is in use.</summary>
    public string DataDirectory { get; init; } = string.Empty;

    /// <summary>The pid its holder wrote into the lock file, when it could be read.</summary>
    public int? HolderPid { get; init; }

    internal static DataDirectoryLockedException For(string directory, int? holderPid, Exception cause)
    {
        var holder = holderPid is { } pid ? $"pid {pid}" : "pid unknown";
        return new(
            $"The data directory {directory} is in use by another EdgeAgent ({holder}). "
            + "Two agents on one store corrupt it; stop the other one or point this one at another directory (Store:DataDirectory).",
            cause)
        {
            DataDirectory = directory,
            HolderPid = holderPid,
        };
    }
}
