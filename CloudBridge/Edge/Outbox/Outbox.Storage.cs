using LiteDB;

namespace CloudBridge.Outbox;

/// <summary>Where a lane's events live: pages, and before them per-event documents left by an older agent.</summary>
public sealed partial class Outbox
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _withoutLegacy = new(StringComparer.Ordinal);

    // The sequence as a parameter, never in the expression's text: LiteDB 5.0.21's Query.LTE("_id", 41) writes
    // "_id <= 41" and compiles (Reflection.Emit) and keeps a delegate per distinct text for the life of the process,
    // so a read per new sequence compiled once more on every call and never freed it. "_id <= @0" compiles once.
    private static BsonExpression IdBelow(long sequence) => BsonExpression.Create("_id < @0", sequence);

    private static BsonExpression IdAtMost(long sequence) => BsonExpression.Create("_id <= @0", sequence);

    private static BsonExpression IdAbove(long sequence) => BsonExpression.Create("_id > @0", sequence);

    private static BsonExpression IdAtLeast(long sequence) => BsonExpression.Create("_id >= @0", sequence);

    private static ILiteCollection<BsonDocument> PagesOf(LiteDatabase db, string lane) =>
        db.GetCollection("bridge_page_" + lane.Replace('-', '_'));

    /// <summary>One document per event (store format 1); only read, acknowledged and removed now.</summary>
    private static ILiteCollection<BsonDocument> LegacyOf(LiteDatabase db, string lane) => db.GetCollection(LegacyName(lane));

    private static string LegacyName(string lane) => "bridge_out_" + lane.Replace('-', '_');

    /// <summary>
    /// Whether the lane has per-event documents of an older agent. A lane without that collection at its first look
    /// never gets one (nothing creates it any more: an older agent's backlog is in the file from the open, or never),
    /// so it is not looked up again: LiteDB's CollectionExists reads every collection's name from its system
    /// collection on each call, several times per event read, acknowledged and purged.
    /// </summary>
    private bool HasLegacy(LiteDatabase db, string lane)
    {
        if (_withoutLegacy.ContainsKey(lane))
        {
            return false;
        }

        if (db.CollectionExists(LegacyName(lane)))
        {
            return true;
        }

        _withoutLegacy.TryAdd(lane, true);
        return false;
    }

    /// <summary>The page holding <paramref name="sequence"/>, or the last one before it.</summary>
    private static BsonDocument? PageAtOrBefore(ILiteCollection<BsonDocument> pages, long sequence) =>
        pages.Query().Where(IdAtMost(sequence)).OrderByDescending("_id").Limit(1).FirstOrDefault();

    private static void ReadPages(ILiteCollection<BsonDocument> pages, string lane, long after, int max, List<OutboxEvent> into)
    {
        long start = PageAtOrBefore(pages, after + 1) is { } first ? OutboxPage.First(first) : after + 1;
        foreach (var page in pages.Find(IdAtLeast(start)))
        {
            if (OutboxPage.Last(page) > after)
            {
                OutboxPage.Decode(page, lane, after, max, into);
            }

            if (into.Count >= max)
            {
                return;
            }
        }
    }

    private long? CumulativeThrough(LiteDatabase db, string lane, long sequence)
    {
        if (HasLegacy(db, lane) && LegacyOf(db, lane).FindById(sequence) is { } legacy)
        {
            return legacy["c"].AsInt64;
        }

        return PageAtOrBefore(PagesOf(db, lane), sequence) is { } page && OutboxPage.Last(page) >= sequence
            ? OutboxPage.CumulativeThrough(page, sequence)
            : null;
    }

    /// <summary>
    /// Deletes the stored events through <paramref name="upTo"/> that can go: legacy documents one by one, pages only
    /// whole. Returns the new purge point (the last sequence gone) and the running byte total through it, or 0s when
    /// nothing went.
    /// </summary>
    private (long Purged, long Cumulative) RemoveThrough(LiteDatabase db, string lane, long upTo)
    {
        (long, long) result = (0, 0);
        if (HasLegacy(db, lane))
        {
            var legacy = LegacyOf(db, lane);
            var last = legacy.Query().Where(IdAtMost(upTo)).OrderByDescending("_id").Limit(1).FirstOrDefault();
            if (last is not null)
            {
                legacy.DeleteMany(IdAtMost(upTo));
                result = (last["_id"].AsInt64, last["c"].AsInt64);
            }
        }

        var pages = PagesOf(db, lane);
        if (PageAtOrBefore(pages, upTo) is not { } page)
        {
            return result;
        }

        if (OutboxPage.Last(page) <= upTo)
        {
            pages.DeleteMany(IdAtMost(OutboxPage.First(page)));
            return (OutboxPage.Last(page), OutboxPage.CumulativeEndOf(page));
        }

        // The page holding upTo stays (part of it is unacknowledged); everything before it goes.
        return pages.DeleteMany(IdBelow(OutboxPage.First(page))) > 0
            ? (OutboxPage.First(page) - 1, OutboxPage.CumulativeBeforeOf(page))
            : result;
    }

    /// <summary>True when the oldest stored unit of a lane (a legacy event or a page) is acknowledged whole.</summary>
    private bool FrontRemovable(LiteDatabase db, string lane, long acked)
    {
        if (HasLegacy(db, lane) && LegacyOf(db, lane).Query().OrderBy("_id").Limit(1).FirstOrDefault() is { } legacy)
        {
            return legacy["_id"].AsInt64 <= acked;
        }

        return PagesOf(db, lane).Query().OrderBy("_id").Limit(1).FirstOrDefault() is { } page && OutboxPage.Last(page) <= acked;
    }

    /// <summary>Removes the oldest events of sheddable lanes (lowest priority first) until <paramref name="needed"/> bytes are free.</summary>
    private long EvictSheddable(LiteDatabase db, ILiteCollection<BsonDocument> states, long needed)
    {
        long freed = 0;
        foreach (var lane in Lanes.Where(l => l.Sheddable).Reverse())
        {
            var state = LaneState.Load(states, lane.Name);
            long upTo = state.Purged;
            long upToCumulative = state.PurgedCumulative;
            foreach (var (last, cumulative) in StoredUnits(db, lane.Name, state.Purged))
            {
                if (freed + (upToCumulative - state.PurgedCumulative) >= needed)
                {
                    break;
                }

                upTo = last;
                upToCumulative = cumulative;
            }

            if (upTo == state.Purged)
            {
                continue;
            }

            RemoveThrough(db, lane.Name, upTo);
            freed += upToCumulative - state.PurgedCumulative;
            state.Shed += upTo - state.UnackedFrom > 0 ? upTo - state.UnackedFrom : 0;
            state.Purged = upTo;
            state.PurgedCumulative = upToCumulative;
            state.Save(states);
            if (freed >= needed)
            {
                break;
            }
        }

        return freed;
    }

    /// <summary>The removable units of a lane from the front: each one's last sequence and the running byte total through it.</summary>
    private IEnumerable<(long Last, long Cumulative)> StoredUnits(LiteDatabase db, string lane, long after)
    {
        if (HasLegacy(db, lane))
        {
            foreach (var doc in LegacyOf(db, lane).Find(IdAbove(after)))
            {
                yield return (doc["_id"].AsInt64, doc["c"].AsInt64);
            }
        }

        foreach (var page in PagesOf(db, lane).Find(IdAbove(after)))
        {
            yield return (OutboxPage.Last(page), OutboxPage.CumulativeEndOf(page));
        }
    }

    private static OutboxEvent ToEvent(string lane, BsonDocument d) => new()
    {
        Lane = lane,
        Sequence = d["_id"].AsInt64,
        EventId = d["e"].AsString,
        Type = d["t"].AsString,
        OccurredAtUtc = new DateTime(d["o"].AsInt64, DateTimeKind.Utc),
        Payload = d["p"].AsBinary,
        TraceId = d["r"].AsString,
        Schema = d.TryGetValue("s", out var schema) ? schema.AsString : "",
    };
}
