using CloudBridge.Outbox;
using EdgeAgent.Events;
using LiteDB;

namespace EdgeAgent.Bridge;

/// <summary>
/// Puts each floor event into the bridge's outbox inside the transaction that records it, in its typed wire
/// form (<see cref="FloorEventWire"/>), so central receives exactly the events whose state changes were
/// stored, no more and no fewer, and decodes them with generated code. Telemetry
/// (<see cref="FloorEventTypeAttribute.Telemetry"/>) goes to the sheddable telemetry lane: over the quota it is
/// shed and counted, while a business event that finds no room throws <see cref="OutboxFullException"/> and its
/// write rolls back (backpressure: the device is told to retry).
/// </summary>
public sealed class FloorUplink(Outbox outbox) : IFloorEventObserver
{
    // A site that configured its own lanes without a telemetry lane ships telemetry with the business events.
    private readonly string _telemetryLane = outbox.Lanes.Any(l => l.Name == OutboxOptions.Telemetry) ? OutboxOptions.Telemetry : OutboxOptions.Business;

    public void Append(LiteDatabase db, FloorEvent floorEvent)
    {
        ArgumentNullException.ThrowIfNull(floorEvent);
        var lane = FloorEventTypes.IsTelemetry(floorEvent.GetType()) ? _telemetryLane : OutboxOptions.Business;
        outbox.Append(db, lane, floorEvent.Type, FloorEventWire.Encode(floorEvent), floorEvent.At, schema: FloorEventWire.Schema);
    }

    void IFloorEventObserver.Observe(LiteDatabase db, FloorJournal journal, FloorEvent floorEvent) => Append(db, floorEvent);
}
