using LiteDB;

namespace EdgeAgent.Events;

/// <summary>
/// Sees every floor event inside the store write that records it, so what it derives (an outbox record, an
/// exception, a KPI) commits with the event or not at all. Must not block: it runs on the store's writer.
/// </summary>
public interface IFloorEventObserver
{
    /// <param name="db">The store, inside the recording write.</param>
    /// <param name="journal">For events the observer records in turn (an exception opened), so they are observed too.</param>
    /// <param name="floorEvent">The event, already stored.</param>
    void Observe(LiteDatabase db, FloorJournal journal, FloorEvent floorEvent);
}
