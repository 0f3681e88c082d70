namespace EdgeAgent.Storage;

/// <summary>
/// The data disk has less free space than <see cref="StoreOptions.MinFreeBytes"/>: a business event was refused
/// (the write rolled back, nothing was applied) so the device can be told to try again once space returns.
/// </summary>
public sealed class StorageLowException : Exception
{
    public StorageLowException()
    {
    }

    public StorageLowException(string message)
        : base(message)
    {
    }

    public StorageLowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Free bytes when last measured.</summary>
    public long FreeBytes { get; init; }

    /// <summary>The configured floor (<c>Store:MinFreeBytes</c>).</summary>
    public long MinFreeBytes { get; init; }
}
