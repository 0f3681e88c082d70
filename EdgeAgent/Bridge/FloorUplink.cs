using System.Text.Json;
using CloudBridge.Outbox;
using EdgeAgent.Fulfilment;
using LiteDB;

namespace EdgeAgent.Bridge;

/// <summary>
/// Puts each floor event into the bridge's outbox inside the transaction that records it, so central
/// receives exactly the events whose state changes were stored: no more, no fewer.
/// </summary>
public sealed class FloorUplink(Outbox outbox) : IFloorEventObserver
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Append(LiteDatabase db, FloorEvent floorEvent)
    {
        ArgumentNullException.ThrowIfNull(floorEvent);
        var payload = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(floorEvent, Json);
        outbox.Append(db, OutboxOptions.Business, floorEvent.Type, payload, floorEvent.At);
    }

    void IFloorEventObserver.Observe(FloorCollections floor, FloorEvent floorEvent) => Append(floor.Database, floorEvent);
}
