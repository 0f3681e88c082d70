namespace EdgeAgent.Fulfilment;

/// <summary>
/// The observers of floor events (the bridge's outbox, the exception triage, the KPI ledger), called by
/// <see cref="FloorCollections.Record"/> in the recording transaction, so none of them counts an event
/// that was not stored nor misses one that was.
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

    internal void Recorded(FloorCollections floor, FloorEvent floorEvent)
    {
        foreach (var observer in _observers)
        {
            observer.Observe(floor, floorEvent);
        }
    }
}
