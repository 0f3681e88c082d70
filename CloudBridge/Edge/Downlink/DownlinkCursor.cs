using LiteDB;

namespace CloudBridge.Downlink;

/// <summary>The position in central's command log of the last command this gateway applied, kept in the agent's store.</summary>
public static class DownlinkCursor
{
    private const string Collection = "bridge_cursor";
    private const string Key = "downlink";

    public static long Get(LiteDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.GetCollection(Collection).FindById(Key)?["cursor"].AsInt64 ?? 0;
    }

    internal static void Set(LiteDatabase db, long cursor) =>
        db.GetCollection(Collection).Upsert(new BsonDocument { ["_id"] = Key, ["cursor"] = cursor });
}
