using System.Globalization;

namespace EdgeAgent.Storage;

/// <summary>
/// The data disk has no room for the store's check after an unclean stop (it reads a private copy of the store, so the
/// original's bytes never change): the agent refuses to start, saying how much room it needs, instead of failing
/// half-way through the copy. Nothing in the data directory was changed.
/// </summary>
public sealed class StoreSpaceException : IOException
{
    public StoreSpaceException()
    {
    }

    public StoreSpaceException(string message)
        : base(message)
    {
    }

    public StoreSpaceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Bytes the check's copy needs.</summary>
    public long NeededBytes { get; init; }

    /// <summary>Bytes free on the data disk when the check looked.</summary>
    public long FreeBytes { get; init; }

    internal static StoreSpaceException ForCheck(string databasePath, long needed, long free, Exception? cause = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath))!;
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"The store {databasePath} must be checked after an unclean stop, and the check reads a copy of it: that needs {needed:N0} bytes free on the disk of {directory}, which has {free:N0}. Free space on that disk (old logs, files that are not the agent's), then start the agent again. The store was not changed.");
        return cause is null
            ? new StoreSpaceException(message) { NeededBytes = needed, FreeBytes = free }
            : new StoreSpaceException(message, cause) { NeededBytes = needed, FreeBytes = free };
    }
}
