using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Events;

namespace EdgeAgent.Fulfilment;

/// <summary>What one step of the pick loop works on: the message, its device's ledger and session.</summary>
internal sealed class PickContext
{
    public required FloorCollections Floor { get; init; }

    public required HandheldMessage Message { get; init; }

    public required HandheldLedger Ledger { get; init; }

    public required TaskAssigner Assigner { get; init; }

    public required DateTime Now { get; init; }

    /// <summary>Reads GS1 item codes (GS1-128, DataMatrix, EAN) off a scan.</summary>
    public required Drivers.Scanners.BarcodeDecoder Decoder { get; init; }

    /// <summary>Decides what the loop proposes on its own (a short pick's substitute or split); null without governance.</summary>
    public Governance.GovernanceGate? Gate { get; init; }

    public PickerSession? Session { get; set; }

    public long Seq => Message.Seq;

    public PickTask? CurrentTask =>
        Session?.CurrentTaskId is { } id ? Floor.Tasks.FindById(id) : null;

    public string DeviceId => Message.DeviceId;

    public void Record(FloorEvent floorEvent) => Floor.Record(floorEvent);

    public void SaveSession()
    {
        if (Session is not null)
        {
            Floor.Pickers.Upsert(Session);
        }
    }
}
