using System.Buffers.Binary;
using System.Globalization;
using LiteDB;

namespace EdgeAgent.Storage;

/// <summary>
/// What the open found in the store before writing a byte of it: a check of every page of the data file
/// and the log as they are on disk, then a read of every document of a private copy (LiteDB replays and
/// writes the copy, never the original), then the acknowledgement marks in the copy against the record
/// kept outside LiteDB. The copy stays in the data directory until disposed, for a recovery to start from.
/// </summary>
internal sealed class StoreInspection : IDisposable
{
    internal const int PageSize = 8192;
    private const int PageTypeOffset = 4;
    private const int LastPageIdOffset = 64;
    private const byte HighestPageType = 4; // Empty 0, Header 1, Collection 2, Index 3, Data 4

    private readonly string _folder;
    private readonly List<string> _problems = [];
    private readonly List<string> _unreadable = [];
    private readonly List<LostAck> _lost = [];
    private readonly Dictionary<string, int> _readable = new(StringComparer.Ordinal);

    private StoreInspection(string folder, string copyPath)
    {
        _folder = folder;
        CopyPath = copyPath;
    }

    /// <summary>The private copy, replayed by LiteDB; readable unless <see cref="CopyOpens"/> is false.</summary>
    public string CopyPath { get; }

    /// <summary>Whether LiteDB could open the copy at all.</summary>
    public bool CopyOpens { get; private set; }

    /// <summary>Nothing wrong was found: the original may be opened.</summary>
    public bool IsSound => _problems.Count == 0 && _unreadable.Count == 0 && _lost.Count == 0;

    /// <summary>What is wrong with the files themselves.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Collections whose documents could not all be read, each with how far the read got.</summary>
    public IReadOnlyList<string> Unreadable => _unreadable;

    /// <summary>Acknowledged work the store no longer holds.</summary>
    public IReadOnlyList<LostAck> Lost => _lost;

    /// <summary>Documents read from the copy, per collection.</summary>
    public IReadOnlyDictionary<string, int> Readable => _readable;

    /// <summary>The marks the copy holds (the store's own record), after the read.</summary>
    public Dictionary<string, AckMark> StoredMarks { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>Inspects the store at <paramref name="databasePath"/> against the acknowledgement record <paramref name="recorded"/>.</summary>
    public static StoreInspection Run(string databasePath, IReadOnlyDictionary<string, AckMark> recorded)
    {
        var folder = Path.Combine(Path.GetDirectoryName(databasePath)!, ".verify-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var inspection = new StoreInspection(folder, Path.Combine(folder, Path.GetFileName(databasePath)));
        try
        {
            inspection.Inspect(databasePath, recorded);
            return inspection;
        }
        catch
        {
            inspection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The open after a clean stop: when the last close left its marker (the page digest, written after the final
    /// checkpoint, with no log since) and the file still has that length, checks every page against its digest and the
    /// acknowledgement record against <c>store_acks</c> (read from the original opened read-only), without copying the
    /// file or decoding its documents. Returns null when all is well, else why the full inspection must run.
    /// </summary>
    /// <remarks>
    /// After a clean stop nothing LiteDB writes is pending, so what can have gone wrong is damage at rest (a zero-length
    /// or cut file, flipped bytes: the length and the page digests find them) or a file replaced from a backup (the
    /// digests and the marks find it). Not checked here is what the full inspection's document read adds: a document
    /// LiteDB itself wrote wrongly before the close, whose page digest is then consistent.
    /// </remarks>
    public static string? CheckCleanStop(string databasePath, IReadOnlyDictionary<string, AckMark> recorded)
    {
        var digest = PageDigest.Read(databasePath);
        if (digest is null)
        {
            return "no clean-close marker (the page digest written at a clean close)";
        }

        var logPath = StoreCopy.LogPathOf(databasePath);
        if (File.Exists(logPath) && new FileInfo(logPath).Length > 0)
        {
            return "its log holds commits written after the last clean close";
        }

        var length = File.Exists(databasePath) ? new FileInfo(databasePath).Length : -1;
        if (length <= 0 || length != digest.Value.Length)
        {
            return "the data file's length differs from its length at the last clean close";
        }

        var check = new StoreInspection(string.Empty, string.Empty);
        check.CheckDataPages(databasePath, digest);
        if (check._problems.Count > 0)
        {
            return check._problems[0];
        }

        try
        {
            using (var db = new LiteDatabase(new ConnectionString { Filename = databasePath, Connection = ConnectionType.Direct, ReadOnly = true }))
            {
                check.StoredMarks = StoredAcks.ReadAll(db);
            }
        }
        catch (Exception ex) when (IsDamage(ex))
        {
            return $"its acknowledgement marks could not be read ({ex.GetType().Name}: {ex.Message})";
        }

        check.CompareMarks(recorded);
        return check._lost.Count > 0 ? check._lost[0].ToString() : null;
    }

    /// <summary>One paragraph per finding, for the refusal, the log and the report file.</summary>
    public string Describe()
    {
        var lines = new List<string>();
        lines.AddRange(_problems);
        lines.AddRange(_unreadable);
        foreach (var lost in _lost)
        {
            lines.Add(lost.ToString());
        }

        return string.Join(Environment.NewLine, lines);
    }

    public void Dispose()
    {
        if (_folder.Length > 0 && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private void Inspect(string databasePath, IReadOnlyDictionary<string, AckMark> recorded)
    {
        var logPath = StoreCopy.LogPathOf(databasePath);
        if (!File.Exists(databasePath))
        {
            if (File.Exists(logPath))
            {
                _problems.Add($"the data file {databasePath} is missing but its log {logPath} is there");
            }

            CompareMarks(recorded);
            return;
        }

        var logHoldsCommits = File.Exists(logPath) && new FileInfo(logPath).Length > 0;
        CheckDataPages(databasePath, logHoldsCommits ? null : PageDigest.Read(databasePath));
        if (File.Exists(logPath))
        {
            CheckLogPages(logPath);
        }

        // Read-only copies: the original's bytes do not change whatever LiteDB does to the copy. A disk without room
        // for them is a refusal that says so, not a crash half-way through the copy.
        long needed = LengthOf(databasePath) + LengthOf(logPath);
        long free = FreeBytes(_folder);
        if (free < needed)
        {
            throw StoreSpaceException.ForCheck(databasePath, needed, free);
        }

        try
        {
            Copy(logPath, StoreCopy.LogPathOf(CopyPath));
            Copy(databasePath, CopyPath);
        }
        catch (IOException ex) when (ex.HResult is NoSpaceLeft or QuotaExceeded)
        {
            throw StoreSpaceException.ForCheck(databasePath, needed, free, ex);
        }
        if (new FileInfo(CopyPath).Length == 0)
        {
            // LiteDB would start a new store over it: there is nothing to read.
            CompareMarks(recorded);
            return;
        }

        ReadEverything();
        CompareMarks(recorded);
    }

    private void CheckDataPages(string path, (long Length, ulong[] Pages)? digest)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        if (digest is { } closed && closed.Length != file.Length)
        {
            _problems.Add(string.Create(CultureInfo.InvariantCulture, $"the data file {path} is {file.Length} bytes but was {closed.Length} at its last clean close: it was {(file.Length < closed.Length ? "cut short" : "extended")} since"));
            digest = null;
        }

        if (file.Length == 0)
        {
            _problems.Add($"the data file {path} is empty (0 bytes); LiteDB writes its header page when it creates a store, so the file lost its content");
            return;
        }

        if (file.Length % PageSize != 0)
        {
            _problems.Add(string.Create(CultureInfo.InvariantCulture, $"the data file {path} is {file.Length} bytes, not a whole number of {PageSize}-byte pages: it was cut short or padded"));
        }

        var pages = file.Length / PageSize;
        var page = new byte[PageSize];
        for (var id = 0L; id < pages; id++)
        {
            file.ReadExactly(page);
            if (digest is { } sums && id < sums.Pages.Length && PageDigest.Of(page) != sums.Pages[id])
            {
                _problems.Add(string.Create(CultureInfo.InvariantCulture, $"page {id} of the data file {path} changed since the last clean close (its checksum does not match): its bytes were damaged at rest"));
            }

            var pageId = BinaryPrimitives.ReadUInt32LittleEndian(page);
            var type = page[PageTypeOffset];
            if (id == 0)
            {
                var lastPageId = BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(LastPageIdOffset));
                if (type != 1)
                {
                    _problems.Add($"the data file {path} does not start with a LiteDB header page");
                    return;
                }

                if (lastPageId + 1L > pages)
                {
                    _problems.Add(string.Create(CultureInfo.InvariantCulture, $"the data file {path} holds {pages} pages but its header counts {lastPageId + 1L}: it was cut short"));
                }
            }
            else if (type > HighestPageType || (type != 0 && pageId != id))
            {
                _problems.Add(string.Create(CultureInfo.InvariantCulture, $"page {id} of the data file {path} is damaged (it says it is page {pageId} of type {type})"));
            }
        }
    }

    private void CheckLogPages(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        var pages = file.Length / PageSize;
        var page = new byte[PageSize];
        for (var position = 0L; position < pages; position++)
        {
            file.ReadExactly(page);
            var type = page[PageTypeOffset];
            if (type > HighestPageType)
            {
                _problems.Add(string.Create(CultureInfo.InvariantCulture, $"page {position} of the log {path} is damaged (type {type})"));
            }
        }
    }

    private void ReadEverything()
    {
        LiteDatabase? db = null;
        try
        {
            db = new LiteDatabase($"Filename={CopyPath};Connection=direct");
            CopyOpens = true;
            foreach (var name in db.GetCollectionNames().Order(StringComparer.Ordinal).ToList())
            {
                var read = 0;
                try
                {
                    foreach (var document in db.GetCollection(name).FindAll())
                    {
                        _ = document;
                        read++;
                    }
                }
                catch (Exception ex) when (IsDamage(ex))
                {
                    _unreadable.Add(string.Create(CultureInfo.InvariantCulture, $"collection {name}: {read} documents read, then an unreadable page ({ex.GetType().Name}: {ex.Message})"));
                }

                _readable[name] = read;
            }

            try
            {
                StoredMarks = StoredAcks.ReadAll(db);
            }
            catch (Exception ex) when (IsDamage(ex))
            {
                // Already named among the unreadable collections; what it held counts as lost.
                StoredMarks = new Dictionary<string, AckMark>(StringComparer.Ordinal);
            }
        }
        catch (Exception ex) when (IsDamage(ex))
        {
            _problems.Add($"LiteDB cannot open it ({ex.GetType().Name}: {ex.Message})");
        }
        finally
        {
            try
            {
                db?.Dispose();
            }
            catch (Exception ex) when (IsDamage(ex))
            {
                _problems.Add($"LiteDB could not close the copy ({ex.GetType().Name}: {ex.Message})");
            }
        }
    }

    private void CompareMarks(IReadOnlyDictionary<string, AckMark> recorded)
    {
        foreach (var mark in recorded.Values.OrderBy(m => m.Device, StringComparer.Ordinal).ThenBy(m => m.Lane, StringComparer.Ordinal))
        {
            long? held = StoredMarks.TryGetValue(mark.Key, out var stored) ? stored.Seq : null;
            if (held is null || held < mark.Seq)
            {
                _lost.Add(new LostAck(mark.Device, mark.Lane, mark.Seq, held));
            }
        }
    }

    internal static bool IsDamage(Exception ex) => ex is LiteException or InvalidCastException or IndexOutOfRangeException
        or ArgumentException or InvalidOperationException or FormatException or OverflowException or EndOfStreamException
        or InvalidDataException or IOException or NullReferenceException or KeyNotFoundException;

    // errno values .NET puts in an IOException's HResult on Linux.
    private const int NoSpaceLeft = 28;
    private const int QuotaExceeded = 122;

    private static long LengthOf(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static long FreeBytes(string directory) => new DriveInfo(Path.GetFullPath(directory)).AvailableFreeSpace;

    private static void Copy(string source, string target)
    {
        if (!File.Exists(source))
        {
            return;
        }

        using var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1 << 20);
        using var to = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 20);
        from.CopyTo(to);
    }
}
