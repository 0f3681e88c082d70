namespace EdgeAgent.Storage;

/// <summary>
/// A private copy of a store (its data file and LiteDB log) in a temp folder, taken without writing to
/// or locking the original, so a reader may open it beside a running agent. Deleted on dispose.
/// </summary>
/// <remarks>
/// LiteDB writes the data file only at a checkpoint, from pages already in the log. So the log is copied
/// first and the data file second: a checkpoint in between leaves page images the copied log replays
/// again. A checkpoint during the copy of the data file is detected (its size or time changed) and the
/// copy is taken again.
/// </remarks>
public sealed class StoreCopy : IDisposable
{
    private const int Attempts = 5;
    private readonly string _folder;

    private StoreCopy(string folder, string databasePath)
    {
        _folder = folder;
        DatabasePath = databasePath;
    }

    /// <summary>The copied data file; LiteDB finds the copied log beside it.</summary>
    public string DatabasePath { get; }

    /// <summary>Copies <paramref name="databasePath"/> and its log; throws <see cref="IOException"/> if the agent keeps checkpointing under it.</summary>
    public static StoreCopy Take(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var source = Path.GetFullPath(databasePath);
        var folder = Directory.CreateTempSubdirectory("edgeagent-verify-").FullName;
        try
        {
            var target = Path.Combine(folder, Path.GetFileName(source));
            for (var attempt = 1; attempt <= Attempts; attempt++)
            {
                if (TryCopy(source, target))
                {
                    return new StoreCopy(folder, target);
                }
            }

            throw new IOException($"The store at {source} kept changing while it was copied ({Attempts} attempts); try again at a quieter moment.");
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>Deletes the copy.</summary>
    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>LiteDB 5 keeps its write-ahead log beside the data file as <c>&lt;name&gt;-log&lt;ext&gt;</c>.</summary>
    public static string LogPathOf(string databasePath) =>
        Path.Combine(Path.GetDirectoryName(databasePath) ?? ".", Path.GetFileNameWithoutExtension(databasePath) + "-log" + Path.GetExtension(databasePath));

    private static bool TryCopy(string source, string target)
    {
        var before = Stamp(source);
        CopyIfPresent(LogPathOf(source), LogPathOf(target));
        CopyIfPresent(source, target);
        return before == Stamp(source);
    }

    private static (long Length, DateTime Written) Stamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.Length, info.LastWriteTimeUtc) : (-1, default);
    }

    private static void CopyIfPresent(string source, string target)
    {
        File.Delete(target);
        try
        {
            // Read-only and sharing everything: the running agent keeps writing, and no byte or lock of
            // the original changes.
            using var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1 << 16);
            using var to = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
            from.CopyTo(to);
        }
        catch (FileNotFoundException)
        {
            // No log: everything committed is already in the data file.
        }
    }
}
