using CloudBridge.Outbox;
using EdgeAgent.Events;
using LiteDB;

namespace EdgeAgent.Bridge;

/// <summary>
/// Puts each floor event into the bridge's outbox inside the transaction that records it, in its typed wire
/// form (<see cref="FloorEventWire"/>), so central receives exactly the events whose state changes were
/// stored, no more and no fewer, and decodes them with generated code.
/// </summary>
public sealed class FloorUplink(Outbox outbox) : IFloorEventObserver
{
    public void Append(LiteDatabase db, FloorEvent floorEvent)
    {
        ArgumentNullException.ThrowIfNull(floorEvent);
        outbox.Append(db, OutboxOptions.Business, floorEvent.Type, FloorEventWire.Encode(floorEvent), floorEvent.At, schema: FloorEventWire.Schema);
    }

    void IFloorEventObserver.Observe(LiteDatabase db, FloorJournal journal, FloorEvent floorEvent) => Append(db, floorEvent);
}
