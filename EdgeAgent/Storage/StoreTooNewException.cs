namespace EdgeAgent.Storage;

/// <summary>The store was written by a newer agent: this one refuses it rather than misread or corrupt it.</summary>
public sealed class StoreTooNewException : IOException
{
    public StoreTooNewException()
    {
    }

    public StoreTooNewException(string message)
        : base(message)
    {
    }

    public StoreTooNewException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The format found in the file.</summary>
    public int FoundFormat { get; init; }

    /// <summary>The newest format this agent reads.</summary>
    public int SupportedFormat { get; init; }

    internal static StoreTooNewException For(string path, int found, int supported) =>
        new($"The store {path} is format {found}, written by a newer EdgeAgent; this version reads formats up to {supported}. "
            + "Start the newer version again (`install.sh rollback` never downgrades the store), or restore a backup of the data directory taken with this version. The file was not changed.")
        {
            FoundFormat = found,
            SupportedFormat = supported,
        };
}
