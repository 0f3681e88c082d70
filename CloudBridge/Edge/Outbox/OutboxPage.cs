using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using LiteDB;

namespace CloudBridge.Outbox;

/// <summary>
/// Consecutive events of one lane stored as one document: <c>_id</c> the first sequence, <c>l</c> the last,
/// <c>c</c>/<c>ce</c> the lane's running byte total before the first and through the last event, <c>b</c> the
/// records packed in one binary value. One document per page instead of one per event is what makes the outbox
/// cheap for LiteDB to write, read and delete (it costs whole 8 KB pages per document touched).
/// </summary>
internal sealed class OutboxPage
{
    /// <summary>A page is closed at this many record bytes, so a rewrite inside one transaction stays small.</summary>
    public const int MaxBytes = 32 * 1024;

    public const int MaxEvents = 512;

    private readonly ArrayBufferWriter<byte> _records = new(4096);

    public OutboxPage(LiteDatabase database, ILiteCollection<BsonDocument> collection, long firstSequence, long cumulativeBefore)
    {
        Database = database;
        Collection = collection;
        FirstSequence = firstSequence;
        LastSequence = firstSequence - 1;
        CumulativeBefore = cumulativeBefore;
        CumulativeEnd = cumulativeBefore;
    }

    /// <summary>The database whose transaction wrote this page (an outbox may serve more than one store in tests).</summary>
    public LiteDatabase Database { get; }

    /// <summary>The lane's page collection in <see cref="Database"/>.</summary>
    public ILiteCollection<BsonDocument> Collection { get; }

    /// <summary>Collected in memory, to be inserted before the transaction commits.</summary>
    public bool Unwritten { get; set; }

    public long FirstSequence { get; }

    public long LastSequence { get; private set; }

    public long CumulativeBefore { get; }

    public long CumulativeEnd { get; private set; }

    public int Count => (int)(LastSequence - FirstSequence + 1);

    public bool Fits(int payloadBytes) => Count < MaxEvents && _records.WrittenCount + payloadBytes <= MaxBytes;

    public void Add(long sequence, long size, Guid eventId, string type, long occurredTicks, ReadOnlySpan<byte> payload, string traceId, string schema)
    {
        if (sequence != LastSequence + 1)
        {
            throw new InvalidOperationException($"Outbox page of lane starting at {FirstSequence} ends at {LastSequence}; cannot add {sequence}.");
        }

        // The layout BinaryReader reads: 7-bit encoded lengths, little-endian integers, length-prefixed UTF-8.
        WriteVarint((ulong)size);
        eventId.TryWriteBytes(_records.GetSpan(16));
        _records.Advance(16);
        BinaryPrimitives.WriteInt64LittleEndian(_records.GetSpan(8), occurredTicks);
        _records.Advance(8);
        WriteString(type);
        WriteString(traceId);
        WriteString(schema);
        WriteVarint((ulong)payload.Length);
        _records.Write(payload);
        LastSequence = sequence;
        CumulativeEnd += size;
    }

    public BsonDocument ToDocument() => new()
    {
        ["_id"] = FirstSequence,
        ["l"] = LastSequence,
        ["c"] = CumulativeBefore,
        ["ce"] = CumulativeEnd,
        ["b"] = _records.WrittenSpan.ToArray(),
    };

    private void WriteVarint(ulong value)
    {
        var span = _records.GetSpan(10);
        int n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[n++] = (byte)value;
        _records.Advance(n);
    }

    private void WriteString(string value)
    {
        int bytes = Encoding.UTF8.GetByteCount(value);
        WriteVarint((ulong)bytes);
        Encoding.UTF8.GetBytes(value, _records.GetSpan(bytes));
        _records.Advance(bytes);
    }

    public static long First(BsonDocument page) => page["_id"].AsInt64;

    public static long Last(BsonDocument page) => page["l"].AsInt64;

    public static long CumulativeBeforeOf(BsonDocument page) => page["c"].AsInt64;

    public static long CumulativeEndOf(BsonDocument page) => page["ce"].AsInt64;

    /// <summary>Adds the page's events above <paramref name="after"/> to <paramref name="into"/> until it holds <paramref name="max"/>.</summary>
    public static void Decode(BsonDocument page, string lane, long after, int max, List<OutboxEvent> into)
    {
        using var reader = Reader(page);
        for (long sequence = First(page); sequence <= Last(page) && into.Count < max; sequence++)
        {
            _ = reader.Read7BitEncodedInt64();
            if (sequence <= after)
            {
                Skip(reader);
                continue;
            }

            var id = new Guid(reader.ReadBytes(16));
            var ticks = reader.ReadInt64();
            var type = reader.ReadString();
            var trace = reader.ReadString();
            var schema = reader.ReadString();
            var payload = reader.ReadBytes(reader.Read7BitEncodedInt());
            into.Add(new OutboxEvent
            {
                Lane = lane,
                Sequence = sequence,
                EventId = id.ToString("N"),
                Type = type,
                OccurredAtUtc = new DateTime(ticks, DateTimeKind.Utc),
                Payload = payload,
                TraceId = trace,
                Schema = schema,
            });
        }
    }

    /// <summary>The lane's running byte total through <paramref name="sequence"/>, which lies on this page.</summary>
    public static long CumulativeThrough(BsonDocument page, long sequence)
    {
        using var reader = Reader(page);
        long cumulative = CumulativeBeforeOf(page);
        for (long s = First(page); s <= Math.Min(sequence, Last(page)); s++)
        {
            cumulative += reader.Read7BitEncodedInt64();
            Skip(reader);
        }

        return cumulative;
    }

    private static BinaryReader Reader(BsonDocument page) => new(new MemoryStream(page["b"].AsBinary, writable: false), Encoding.UTF8);

    private static void Skip(BinaryReader reader)
    {
        reader.BaseStream.Seek(16 + 8, SeekOrigin.Current);
        _ = reader.ReadString();
        _ = reader.ReadString();
        _ = reader.ReadString();
        reader.BaseStream.Seek(reader.Read7BitEncodedInt(), SeekOrigin.Current);
    }
}
