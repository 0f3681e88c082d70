using EdgeAgent.Events;
using LiteDB;

namespace EdgeAgent.Fulfilment;

/// <summary>The fulfilment workflow's collections in the agent's store, with their indexes.</summary>
public sealed class FloorCollections
{

    /// <param name="db">The store, inside the caller's write when events are recorded.</param>
    /// <param name="journal">Who observes recorded events in the same transaction; null when running standalone.</param>
    public FloorCollections(LiteDatabase db, FloorJournal? journal = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        Database = db;
        Journal = journal ?? FloorJournal.Standalone;
        Tasks = db.GetCollection<PickTask>("tasks");
        Pickers = db.GetCollection<PickerSession>("pickers");
        Ledgers = db.GetCollection<HandheldLedger>("handheld_ledgers");
        Events = new FloorEventLog(db);
        Holds = db.GetCollection<OrderHold>("order_holds");
        Blocks = db.GetCollection<FloorBlock>("floor_blocks");
    }

    /// <summary>Who records this write's floor events and lets their observers see them.</summary>
    public FloorJournal Journal { get; }

    /// <summary>The store, for observers that keep their own collections in the same transaction.</summary>
    public LiteDatabase Database { get; }

    public ILiteCollection<PickTask> Tasks { get; }

    public ILiteCollection<PickerSession> Pickers { get; }

    public ILiteCollection<HandheldLedger> Ledgers { get; }

    public FloorEventLog Events { get; }

    /// <summary>Orders on hold (few at a time): their open tasks are not assignable.</summary>
    public ILiteCollection<OrderHold> Holds { get; }

    /// <summary>Aisles and zones closed to pickers (few at a time).</summary>
    public ILiteCollection<FloorBlock> Blocks { get; }

    /// <summary>Creates the indexes the workflow queries by; cheap when they exist.</summary>
    public static void EnsureIndexes(LiteDatabase db)
    {
        var floor = new FloorCollections(db);
        floor.Tasks.EnsureIndex(t => t.Status);
        floor.Tasks.EnsureIndex(t => t.CompletedAt);
        floor.Tasks.EnsureIndex(t => t.DueAt);
        floor.Pickers.EnsureIndex(p => p.DeviceId);
        floor.Tasks.EnsureIndex(t => t.OrderId);
        floor.Tasks.EnsureIndex(t => t.Revision);
        FloorEventLog.EnsureIndexes(db);
    }

    /// <summary>
    /// Stores a task under the next revision number, so that a reader keeping a copy of the open work
    /// (the planner) reads only what changed since its last look. Every change to a task goes through here.
    /// </summary>
    public void SaveTask(PickTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var counters = Database.GetCollection<FloorCounter>("floor_counters");
        var revision = counters.FindById(FloorCounter.TaskRevision) ?? new FloorCounter { Id = FloorCounter.TaskRevision };
        revision.Value++;
        counters.Upsert(revision);
        task.Revision = revision.Value;
        Tasks.Upsert(task);
        if (_openWindows is not null)
        {
            if (task.Status == PickTaskStatus.Open)
            {
                // New open work, or open work changed (re-dated, put back): the windows no longer know the order.
                _openWindows = null;
            }
            else
            {
                foreach (var window in _openWindows.Values)
                {
                    window.Remove(task.Id);
                }
            }
        }
    }

    private Dictionary<string, OpenTaskWindow>? _openWindows;

    /// <summary>
    /// The open pool as this write has read it in <paramref name="order"/>, or null. A window is kept for the
    /// life of this instance (one store write) and follows every <see cref="SaveTask"/> through it: a task leaving
    /// the open pool leaves the window, and any task saved open drops every window.
    /// </summary>
    internal OpenTaskWindow? OpenWindow(string order) => _openWindows?.GetValueOrDefault(order);

    internal void KeepOpenWindow(string order, OpenTaskWindow window) => (_openWindows ??= new(StringComparer.Ordinal))[order] = window;

    /// <summary>Records a floor event in this write and lets the journal's observers see it.</summary>
    public void Record(FloorEvent floorEvent) => Journal.Record(Database, floorEvent);
}
