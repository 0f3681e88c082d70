using EdgeAgent.Bridge;
using LiteDB;

namespace EdgeAgent.Fulfilment;

/// <summary>The fulfilment workflow's collections in the agent's store, with their indexes.</summary>
public sealed class FloorCollections
{
    private readonly LiteDatabase _db;
    private readonly FloorUplink? _uplink;

    /// <param name="db">The store, inside the caller's write when events are recorded.</param>
    /// <param name="uplink">Where recorded events also go, in the same transaction; null when running standalone.</param>
    public FloorCollections(LiteDatabase db, FloorUplink? uplink = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        _db = db;
        _uplink = uplink;
        Tasks = db.GetCollection<PickTask>("tasks");
        Pickers = db.GetCollection<PickerSession>("pickers");
        Ledgers = db.GetCollection<HandheldLedger>("handheld_ledgers");
        Events = db.GetCollection<FloorEvent>("floor_events");
        Holds = db.GetCollection<OrderHold>("order_holds");
    }

    public ILiteCollection<PickTask> Tasks { get; }

    public ILiteCollection<PickerSession> Pickers { get; }

    public ILiteCollection<HandheldLedger> Ledgers { get; }

    public ILiteCollection<FloorEvent> Events { get; }

    /// <summary>Orders on hold (few at a time): their open tasks are not assignable.</summary>
    public ILiteCollection<OrderHold> Holds { get; }

    /// <summary>Creates the indexes the workflow queries by; cheap when they exist.</summary>
    public static void EnsureIndexes(LiteDatabase db)
    {
        var floor = new FloorCollections(db);
        floor.Tasks.EnsureIndex(t => t.Status);
        floor.Tasks.EnsureIndex(t => t.CompletedAt);
        floor.Pickers.EnsureIndex(p => p.DeviceId);
    }

    public void Record(FloorEvent floorEvent)
    {
        Events.Insert(floorEvent);
        _uplink?.Append(_db, floorEvent);
    }
}
