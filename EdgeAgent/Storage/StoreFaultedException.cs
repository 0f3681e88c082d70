namespace EdgeAgent.Storage;

/// <summary>
/// The store refused a write because an fsync failed earlier: after a failed fsync the kernel may have dropped the
/// unwritten pages, so no later fsync proves anything. The agent must be restarted to re-read what is on disk.
/// </summary>
public sealed class StoreFaultedException : IOException
{
    public StoreFaultedException()
    {
    }

    public StoreFaultedException(string message)
        : base(message)
    {
    }

    public StoreFaultedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static StoreFaultedException For(string path, StoreFault fault) =>
        new($"Store {path} accepts no writes since an fsync failed at {fault.At:O} ({fault.Reason}); restart the agent so it re-reads what is on disk.", fault.Cause);
}
