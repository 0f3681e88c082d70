using System.Globalization;
using System.Text;

namespace EdgeAgent.Storage;

/// <summary>
/// The highest sequence acknowledged per device and lane, kept in a small append-only file beside the
/// LiteDB file (<c>&lt;name&gt;.acks</c>), where a torn or lost LiteDB log cannot take it with it.
/// </summary>
/// <remarks>
/// Ordering is what keeps it honest without a second fsync per group: a group's marks are appended
/// only after the LiteDB log holding them is fsynced, so the record never runs ahead of the store. The
/// record itself is fsynced at most once per <see cref="SyncInterval"/> (and at close): after a power cut
/// it may lag by that much, which only narrows what the next open can check; it never raises a false alarm.
/// Each line carries a checksum (FNV-1a), so a torn last line is skipped. When the file grows past
/// <see cref="CompactAtBytes"/> it is replaced atomically by one line per device and lane.
/// </remarks>
internal sealed class AckRecord : IDisposable
{
    internal const int CompactAtBytes = 256 * 1024;
    internal static readonly TimeSpan SyncInterval = TimeSpan.FromSeconds(1);

    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, AckMark> _marks;
    private FileStream? _file;
    private long _lastSync;
    private bool _dirty;

    private AckRecord(string path, TimeProvider time, Dictionary<string, AckMark> marks)
    {
        _path = path;
        _time = time;
        _marks = marks;
        _lastSync = time.GetTimestamp();
    }

    /// <summary>fsync calls on the record (for the store's stats and the benchmark).</summary>
    public long Fsyncs { get; private set; }

    public static string PathOf(string databasePath) => Path.ChangeExtension(databasePath, ".acks");

    /// <summary>The marks in the record at <paramref name="path"/>, highest per device and lane; empty when there is none.</summary>
    public static Dictionary<string, AckMark> Read(string path)
    {
        var marks = new Dictionary<string, AckMark>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return marks;
        }

        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete), Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (TryParse(line, out var mark))
            {
                Raise(marks, mark);
            }
        }

        return marks;
    }

    /// <summary>Opens the record for appending, starting from <paramref name="marks"/>.</summary>
    public static AckRecord Open(string path, TimeProvider time, Dictionary<string, AckMark> marks) => new(path, time, marks);

    /// <summary>Replaces the record with exactly <paramref name="marks"/> (temp file, fsync, rename, directory fsync).</summary>
    public static void Replace(string path, IEnumerable<AckMark> marks)
    {
        var temp = path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            var text = new StringBuilder();
            foreach (var mark in marks)
            {
                text.Append(Format(mark));
            }

            file.Write(Encoding.UTF8.GetBytes(text.ToString()));
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        NativeMethods.FSyncPath(Path.GetDirectoryName(path)!);
    }

    /// <summary>Appends the marks of a group whose commit is already fsynced; fsyncs the record when it is due.</summary>
    public void Append(IReadOnlyCollection<AckMark> marks)
    {
        if (marks.Count > 0)
        {
            var text = new StringBuilder();
            foreach (var mark in marks)
            {
                if (Raise(_marks, mark))
                {
                    text.Append(Format(mark));
                }
            }

            if (text.Length > 0)
            {
                var file = _file ??= OpenForAppend();
                file.Write(Encoding.UTF8.GetBytes(text.ToString()));
                _dirty = true;
                if (file.Length > CompactAtBytes)
                {
                    Compact();
                    return;
                }
            }
        }

        if (_dirty && _time.GetElapsedTime(_lastSync) >= SyncInterval)
        {
            Sync();
        }
    }

    /// <summary>fsyncs what was appended since the last sync.</summary>
    public void Sync()
    {
        if (_dirty && _file is not null)
        {
            _file.Flush(flushToDisk: true);
            Fsyncs++;
        }

        _dirty = false;
        _lastSync = _time.GetTimestamp();
    }

    public void Dispose()
    {
        Sync();
        _file?.Dispose();
        _file = null;
    }

    /// <summary>Keeps the higher mark; true when <paramref name="mark"/> raised it.</summary>
    internal static bool Raise(Dictionary<string, AckMark> marks, AckMark mark)
    {
        if (marks.TryGetValue(mark.Key, out var known) && known.Seq >= mark.Seq)
        {
            return false;
        }

        marks[mark.Key] = mark;
        return true;
    }

    private void Compact()
    {
        _file?.Dispose();
        _file = null;
        Replace(_path, _marks.Values);
        Fsyncs++;
        _dirty = false;
        _lastSync = _time.GetTimestamp();
    }

    private FileStream OpenForAppend()
    {
        var existed = File.Exists(_path);
        var file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        if (!existed)
        {
            NativeMethods.FSyncPath(Path.GetDirectoryName(_path)!);
        }

        return file;
    }

    private static string Format(AckMark mark)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"{mark.Device}\t{mark.Lane}\t{mark.Seq}");
        return string.Create(CultureInfo.InvariantCulture, $"{body}\t{Checksum(body):x8}\n");
    }

    private static uint Checksum(string body)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(body))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash;
    }

    private static bool TryParse(string line, out AckMark mark)
    {
        mark = default;
        var cut = line.LastIndexOf('\t');
        if (cut < 0 || !uint.TryParse(line.AsSpan(cut + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var crc))
        {
            return false;
        }

        var body = line[..cut];
        if (Checksum(body) != crc)
        {
            return false;
        }

        var parts = body.Split('\t');
        if (parts.Length != 3 || !long.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seq))
        {
            return false;
        }

        mark = new AckMark(parts[0], parts[1], seq);
        return true;
    }
}
