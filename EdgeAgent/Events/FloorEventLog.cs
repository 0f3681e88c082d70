using LiteDB;

namespace EdgeAgent.Events;

/// <summary>
/// The store's floor events, typed. Each document is the event's own fields plus its wire name in
/// <c>Type</c>, so a document says what it is without naming a .NET type. Events recorded before floor events
/// were typed stay where they were (<see cref="LegacyCollection"/>) and read back as <see cref="LegacyFloorEvent"/>.
/// </summary>
public sealed class FloorEventLog
{
    public const string Collection = "floor_history";

    /// <summary>Where events recorded before typed events are kept, untouched; read, never written.</summary>
    public const string LegacyCollection = "floor_events";

    private readonly LiteDatabase _db;
    private readonly ILiteCollection<BsonDocument> _events;

    public FloorEventLog(LiteDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        _db = db;
        _events = db.GetCollection(Collection, BsonAutoId.Int64);
    }

    public static void EnsureIndexes(LiteDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.GetCollection(Collection, BsonAutoId.Int64).EnsureIndex(nameof(FloorEvent.Type));
    }

    /// <summary>Events recorded before typed events (kept and read as legacy; never shipped again).</summary>
    public int LegacyCount() => _db.CollectionExists(LegacyCollection) ? _db.GetCollection(LegacyCollection).Count() : 0;

    /// <summary>Stores the event and sets its id; call inside a store write (the journal does).</summary>
    internal void Insert(FloorEvent floorEvent)
    {
        var doc = _db.Mapper.ToDocument(floorEvent.GetType(), floorEvent);
        doc.Remove("_id");
        doc[nameof(FloorEvent.Type)] = floorEvent.Type;
        floorEvent.Id = _events.Insert(doc).AsInt64;
    }

    public int Count() => _events.Count();

    public int Count<T>()
        where T : FloorEvent => _events.Count(Query.EQ(nameof(FloorEvent.Type), FloorEventTypes.WireName<T>()));

    /// <summary>Every event of one type, oldest first.</summary>
    public IReadOnlyList<T> OfType<T>()
        where T : FloorEvent =>
        [.. _events.Find(Query.EQ(nameof(FloorEvent.Type), FloorEventTypes.WireName<T>())).Select(d => (T)Read(d))];

    /// <summary>Every typed event, oldest first (tests and tools; the floor page reads <see cref="Recent"/>).</summary>
    public IReadOnlyList<FloorEvent> All() => [.. _events.FindAll().Select(Read)];

    /// <summary>Typed events recorded after <paramref name="afterId"/>, oldest first, at most <paramref name="limit"/> (a reader catching up).</summary>
    public IReadOnlyList<FloorEvent> After(long afterId, int limit) =>
        // The value as a parameter: LiteDB's Query.GT would write it into the expression's text and compile (and keep)
        // one delegate per id (see Storage's StoreQuery, which this room may not use).
        [.. _events.Find(BsonExpression.Create("_id > @0", afterId), limit: limit).Select(Read)];

    /// <summary>The id of the newest typed event; 0 when there is none.</summary>
    public long LastId() => _events.Find(Query.All(Query.Descending), limit: 1).Select(d => d["_id"].AsInt64).FirstOrDefault();

    /// <summary>The newest events, newest first; legacy events fill in when there are fewer typed ones.</summary>
    public IReadOnlyList<FloorEvent> Recent(int count)
    {
        var recent = _events.Find(Query.All(Query.Descending), limit: count).Select(Read).ToList();
        if (recent.Count < count && _db.CollectionExists(LegacyCollection))
        {
            recent.AddRange(_db.GetCollection(LegacyCollection).Find(Query.All(Query.Descending), limit: count - recent.Count).Select(ReadLegacy));
        }

        return recent;
    }

    private FloorEvent Read(BsonDocument doc)
    {
        var wireName = doc[nameof(FloorEvent.Type)].AsString;
        var type = FloorEventTypes.ByWireName(wireName)
            ?? throw new LiteException(0, $"Floor event {doc["_id"]} has type '{wireName}', which this agent does not know: written by a newer version?");
        var floorEvent = (FloorEvent)_db.Mapper.ToObject(type, doc);
        floorEvent.Id = doc["_id"].AsInt64;
        return floorEvent;
    }

    /// <summary>An event document from before typed events: its type name and text, as written then.</summary>
    private static LegacyFloorEvent ReadLegacy(BsonDocument doc) => new()
    {
        Id = doc["_id"].IsNumber ? doc["_id"].AsInt64 : 0,
        At = doc["At"].IsDateTime ? doc["At"].AsDateTime : DateTime.MinValue,
        DeviceId = doc["DeviceId"].IsString ? doc["DeviceId"].AsString : "",
        Seq = doc["Seq"].IsNumber ? doc["Seq"].AsInt64 : 0,
        OriginalType = doc["Type"].IsString ? doc["Type"].AsString : "",
        Detail = doc["Detail"].IsString ? doc["Detail"].AsString : "",
        PickerId = doc["PickerId"].IsString ? doc["PickerId"].AsString : null,
        TaskId = doc["TaskId"].IsString ? doc["TaskId"].AsString : null,
    };
}
