using LiteDB;

namespace EdgeAgent.Events;

/// <summary>
/// Records floor events and hands each to the observers (the bridge's outbox, exception triage, the KPI fold,
/// plan triggers) in the recording transaction, so none of them counts an event that was not stored nor
/// misses one that was.
/// </summary>
public sealed class FloorJournal
{
    private readonly IFloorEventObserver[] _observers;

    public FloorJournal(IEnumerable<IFloorEventObserver> observers)
    {
        ArgumentNullException.ThrowIfNull(observers);
        _observers = [.. observers];
    }

    /// <summary>No observers: events are stored locally only (tests, tools).</summary>
    public static FloorJournal Standalone { get; } = new([]);

    /// <summary>Stores the event (assigning its <see cref="FloorEvent.Id"/>) and lets every observer see it; call inside a store write.</summary>
    public void Record(LiteDatabase db, FloorEvent floorEvent)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(floorEvent);
        new FloorEventLog(db).Insert(floorEvent);
        foreach (var observer in _observers)
        {
            observer.Observe(db, this, floorEvent);
        }
    }
}
