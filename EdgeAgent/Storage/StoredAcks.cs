using LiteDB;

namespace EdgeAgent.Storage;

/// <summary>
/// The store's own copy of the highest acknowledged sequence per device and lane, written in the same
/// transaction as the changes it covers; compared at open with <see cref="AckRecord"/>, which lives outside LiteDB.
/// </summary>
internal static class StoredAcks
{
    /// <summary>The collection; the store's own, no part uses it.</summary>
    public const string Collection = "store_acks";

    public static void Raise(LiteDatabase db, IEnumerable<AckMark> marks)
    {
        Dictionary<string, AckMark>? highest = null;
        foreach (var mark in marks)
        {
            AckRecord.Raise(highest ??= new Dictionary<string, AckMark>(StringComparer.Ordinal), mark);
        }

        if (highest is null)
        {
            return;
        }

        var acks = db.GetCollection(Collection);
        foreach (var mark in highest.Values)
        {
            if (acks.FindById(mark.Key) is { } known && known["seq"].AsInt64 >= mark.Seq)
            {
                continue;
            }

            acks.Upsert(new BsonDocument { ["_id"] = mark.Key, ["device"] = mark.Device, ["lane"] = mark.Lane, ["seq"] = mark.Seq });
        }
    }

    public static Dictionary<string, AckMark> ReadAll(LiteDatabase db)
    {
        var marks = new Dictionary<string, AckMark>(StringComparer.Ordinal);
        foreach (var doc in db.GetCollection(Collection).FindAll())
        {
            AckRecord.Raise(marks, new AckMark(doc["device"].AsString, doc["lane"].AsString, doc["seq"].AsInt64));
        }

        return marks;
    }
}
