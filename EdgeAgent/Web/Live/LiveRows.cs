using EdgeAgent.Events;
using EdgeAgent.Fulfilment;

namespace EdgeAgent.Web.Live;

/// <summary>A pick task as the console lists it.</summary>
public sealed record LiveTask(
    string Id, string Location, string Sku, int Quantity, DateTime DueAt, string Zone, string OrderId, int Priority,
    string Status, string? AssignedTo, double? LateRisk, double? PredictedSeconds, long Revision)
{
    public static LiveTask Of(PickTask t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new(t.Id, t.Location, t.Sku, t.Quantity, DateTime.SpecifyKind(t.DueAt, DateTimeKind.Utc), t.Zone, t.OrderId, t.Priority,
            t.Status.ToString(), t.AssignedTo, t.LateRisk, t.PredictedSeconds, t.Revision);
    }
}

/// <summary>
/// A picker as the console shows them: where, the task in hand, pace against the model, what they wait on.
/// <paramref name="NextDecidedBy"/> is who decided the awaited task as their next while they were busy (it is theirs
/// then, and starts when the task in hand is done); null while the decision is still open.
/// </summary>
public sealed record LivePicker(
    string Id, string DeviceId, string? CurrentTaskId, string Step, string? Position, double Pace,
    long? AwaitingDecision, string? AwaitingTask, bool AwaitingApproval, int TasksDone, int ShortPicks, int Rejections, string? NextDecidedBy)
{
    public static LivePicker Of(PickerSession p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.Id, p.DeviceId, p.CurrentTaskId, p.Step.ToString(), p.Position, Math.Round(p.Pace, 3),
            p.AwaitingDecision?.DecisionSeq, p.AwaitingDecision?.TaskId, p.AwaitingDecision?.Approval ?? false, p.TasksDone, p.ShortPicks, p.Rejections,
            p.AwaitingDecision?.DecidedBy);
    }
}

/// <summary>A floor event as the console's event list shows it.</summary>
/// <param name="Seq">The device message's sequence number (or the audit record's); 0 when none.</param>
public sealed record LiveEvent(long Id, DateTime At, string Type, string DeviceId, long Seq, string Summary)
{
    public static LiveEvent Of(FloorEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Id, DateTime.SpecifyKind(e.At, DateTimeKind.Utc), e.Type, e.DeviceId, e.Seq, e.Describe());
    }
}

/// <summary>Task counts by status.</summary>
public sealed record LiveCounts(int Open, int Assigned, int Picked, int ShortPicked);
