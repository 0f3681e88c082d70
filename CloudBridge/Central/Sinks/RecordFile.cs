using System.Buffers.Binary;
using Google.Protobuf;

namespace CloudBridge.Sinks;

/// <summary>
/// Length-prefixed protobuf records in an append-only file. A torn or zeroed tail (crash mid-write) is cut
/// off at open, so what remains is exactly what was written before the last completed fsync or later.
/// </summary>
internal static class RecordFile
{
    private const int MaxRecordBytes = 64 * 1024 * 1024;

    /// <summary>Reads every valid record; <paramref name="validEnd"/> is where the valid prefix ends.</summary>
    public static List<T> ReadAll<T>(string path, MessageParser<T> parser, Func<T, bool> isValid, out long validEnd)
        where T : IMessage<T>
    {
        var records = new List<T>();
        validEnd = 0;
        if (!File.Exists(path))
        {
            return records;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        foreach (var (record, end) in Enumerate(stream, parser))
        {
            if (!isValid(record))
            {
                break;
            }

            records.Add(record);
            validEnd = end;
        }

        return records;
    }

    public static IEnumerable<(T Record, long End)> Enumerate<T>(Stream stream, MessageParser<T> parser)
        where T : IMessage<T>
    {
        var prefix = new byte[4];
        while (true)
        {
            long start = stream.Position;
            if (stream.ReadAtLeast(prefix, 4, throwOnEndOfStream: false) != 4)
            {
                yield break;
            }

            int length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
            if (length <= 0 || length > MaxRecordBytes || start + 4 + length > stream.Length)
            {
                yield break;
            }

            var body = new byte[length];
            stream.ReadExactly(body);
            T record;
            try
            {
                record = parser.ParseFrom(body);
            }
            catch (InvalidProtocolBufferException)
            {
                yield break;
            }

            yield return (record, stream.Position);
        }
    }

    /// <summary>Serialises records with their length prefixes into one buffer, so a batch is one write.</summary>
    public static byte[] Frame<T>(IEnumerable<T> records)
        where T : IMessage<T>
    {
        using var buffer = new MemoryStream();
        Span<byte> prefix = stackalloc byte[4];
        foreach (var record in records)
        {
            BinaryPrimitives.WriteInt32LittleEndian(prefix, record.CalculateSize());
            buffer.Write(prefix);
            record.WriteTo(buffer);
        }

        return buffer.ToArray();
    }

    /// <summary>Opens for append after cutting anything past the valid prefix.</summary>
    public static FileStream OpenForAppend(string path, long validEnd)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None);
        if (stream.Length != validEnd)
        {
            stream.SetLength(validEnd);
            stream.Flush(flushToDisk: true);
        }

        stream.Position = validEnd;
        return stream;
    }
}
