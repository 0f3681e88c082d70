using EdgeAgent.Drivers.Handhelds;

namespace EdgeAgent.Fulfilment;

/// <summary>What one step of the pick loop works on: the message, its device's ledger and session.</summary>
internal sealed class PickContext
{
    public required FloorCollections Floor { get; init; }

    public required HandheldMessage Message { get; init; }

    public required HandheldLedger Ledger { get; init; }

    public required TaskAssigner Assigner { get; init; }

    public required DateTime Now { get; init; }

    public PickerSession? Session { get; set; }

    public long Seq => Message.Seq;

    public PickTask? CurrentTask =>
        Session?.CurrentTaskId is { } id ? Floor.Tasks.FindById(id) : null;

    public void Record(string type, string detail, PickTask? task = null) =>
        Floor.Record(new FloorEvent
        {
            At = Now,
            Type = type,
            DeviceId = Message.DeviceId,
            Seq = Message.Seq,
            PickerId = Session?.Id,
            TaskId = task?.Id,
            Detail = detail,
        });

    public void SaveSession()
    {
        if (Session is not null)
        {
            Floor.Pickers.Upsert(Session);
        }
    }
}
