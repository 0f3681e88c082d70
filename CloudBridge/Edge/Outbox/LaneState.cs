using LiteDB;

namespace CloudBridge.Outbox;

/// <summary>
/// The counter document of one lane. Events of a lane are only ever removed from the front (purge of acked
/// events, eviction of shed ones), so the stored events are exactly the sequences (Purged, Last].
/// Byte counts come from each event's running total ("c"), so no removal has to read the events it removes.
/// </summary>
internal sealed class LaneState
{
    private readonly BsonDocument _doc;

    private LaneState(BsonDocument doc) => _doc = doc;

    /// <summary>Highest sequence assigned.</summary>
    public long Last { get => Get("last"); set => _doc["last"] = value; }

    /// <summary>
    /// Sequences through this one may have been handed out before a store recovery lost them: the next event is
    /// numbered above it (0 when no recovery lost any).
    /// </summary>
    public long Floor { get => Get("floor"); set => _doc["floor"] = value; }

    /// <summary>Central has everything through this sequence.</summary>
    public long Acked { get => Get("acked"); set => _doc["acked"] = value; }

    /// <summary>Events through this sequence are gone from the store.</summary>
    public long Purged { get => Get("purged"); set => _doc["purged"] = value; }

    /// <summary>Running total of bytes appended to the lane.</summary>
    public long Cumulative { get => Get("cum"); set => _doc["cum"] = value; }

    /// <summary>Running total through <see cref="Acked"/> (valid when Acked &gt; Purged).</summary>
    public long AckedCumulative { get => Get("ackedCum"); set => _doc["ackedCum"] = value; }

    /// <summary>Running total through <see cref="Purged"/>.</summary>
    public long PurgedCumulative { get => Get("purgedCum"); set => _doc["purgedCum"] = value; }

    /// <summary>Events given up under the quota.</summary>
    public long Shed { get => Get("shed"); set => _doc["shed"] = value; }

    /// <summary>First sequence not yet acknowledged and still stored, minus one.</summary>
    public long UnackedFrom => Math.Max(Acked, Purged);

    /// <summary>Bytes on disk, acked or not.</summary>
    public long StoredBytes => Cumulative - PurgedCumulative;

    /// <summary>Bytes not yet acknowledged.</summary>
    public long UnackedBytes => Cumulative - (Acked > Purged ? AckedCumulative : PurgedCumulative);

    public long UnackedEvents => Last - UnackedFrom;

    public static LaneState Load(ILiteCollection<BsonDocument> states, string lane) =>
        new(states.FindById(lane) ?? new BsonDocument { ["_id"] = lane });

    /// <summary>Every lane's state in one query (the append path reads them all for the quota).</summary>
    public static Dictionary<string, LaneState> LoadAll(ILiteCollection<BsonDocument> states) =>
        states.FindAll().ToDictionary(d => d["_id"].AsString, d => new LaneState(d), StringComparer.Ordinal);

    public static LaneState Empty(string lane) => new(new BsonDocument { ["_id"] = lane });

    public void Save(ILiteCollection<BsonDocument> states) => states.Upsert(_doc);

    private long Get(string key) => _doc.TryGetValue(key, out var value) && !value.IsNull ? value.AsInt64 : 0;
}
