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

    /// <summary>Where the open kept a copy of the damaged files and its report; empty when it kept none.</summary>
    public string KeptIn { get; init; } = string.Empty;

    /// <summary>Acknowledged work the store no longer holds.</summary>
    public IReadOnlyList<LostAck> Lost { get; init; } = [];

    internal static StoreDamagedException Found(string filePath, string keptIn, string findings, IReadOnlyList<LostAck> lost) =>
        new($"The store file {filePath} is damaged: {findings.ReplaceLineEndings("; ")}. "
            + $"Its files as they were are kept in {keptIn} (with REPORT.txt), and the original was not changed. "
            + "Restore it from backup, or move it aside to start with an empty store, "
            + "or set Store:OnDamage=Recover to start from what can be read.")
        {
            FilePath = filePath,
            KeptIn = keptIn,
            Lost = lost,
        };

    internal static StoreDamagedException For(string filePath, Exception cause) =>
        new($"The store file {filePath} is damaged and cannot be read ({cause.GetType().Name}: {cause.Message}). "
            + "Restore it from backup, or move it aside to start with an empty store; the damaged file was left in place.",
            cause)
        {
            FilePath = filePath,
        };
}
