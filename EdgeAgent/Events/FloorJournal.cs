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
    private readonly IFloorEventGate[] _gates;

    public FloorJournal(IEnumerable<IFloorEventObserver> observers)
        : this(observers, [])
    {
    }

    /// <param name="observers">See every stored event in the recording write.</param>
    /// <param name="gates">Asked first whether there is room for the event (shed telemetry, refuse business).</param>
    public FloorJournal(IEnumerable<IFloorEventObserver> observers, IEnumerable<IFloorEventGate> gates)
    {
        ArgumentNullException.ThrowIfNull(observers);
        ArgumentNullException.ThrowIfNull(gates);
        _observers = [.. observers];
        _gates = [.. gates];
    }

    /// <summary>No observers: events are stored locally only (tests, tools).</summary>
    public static FloorJournal Standalone { get; } = new([]);

    /// <summary>
    /// Stores the event (assigning its <see cref="FloorEvent.Id"/>) and lets every observer see it; call inside a store write.
    /// A gate may shed a telemetry event (nothing is stored) or refuse a business event (it throws and the write rolls back).
    /// </summary>
    public void Record(LiteDatabase db, FloorEvent floorEvent)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(floorEvent);
        foreach (var gate in _gates)
        {
            if (!gate.Admit(floorEvent))
            {
                return;
            }
        }

        new FloorEventLog(db).Insert(floorEvent);
        foreach (var observer in _observers)
        {
            observer.Observe(db, this, floorEvent);
        }
    }
}
