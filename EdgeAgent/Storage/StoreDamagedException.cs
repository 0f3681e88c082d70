namespace EdgeAgent.Storage;

/// <summary>The store file exists but cannot be read; the agent refuses to start empty over it.</summary>
public sealed class StoreDamagedException : IOException
{
    public StoreDamagedException()
    {
    }

    public StoreDamagedException(string message)
        : base(message)
    {
    }

    public StoreDamagedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The damaged LiteDB file, left where it was.</summary>
    public string FilePath { get; init; } = string.Empty;

    internal static StoreDamagedException For(string filePath, Exception cause) =>
        new($"The store file {filePath} is damaged and cannot be read ({cause.GetType().Name}: {cause.Message}). "
            + "Restore it from backup, or move it aside to start with an empty store; the damaged file was left in place.",
            cause)
        {
            FilePath = filePath,
        };
}
