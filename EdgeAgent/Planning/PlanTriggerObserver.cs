using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Models.Rebalancing;
using LiteDB;

namespace EdgeAgent.Planning;

/// <summary>
/// Asks for a rebalance when a floor event changes the work or the workers. It sees the event inside its
/// transaction; should that roll back, the only cost is one rebalance that finds nothing new.
/// </summary>
public sealed class PlanTriggerObserver(PlanBoard board) : IFloorEventObserver
{
    public static RebalanceTrigger? TriggerFor(FloorEvent floorEvent) => floorEvent switch
    {
        TasksReleased => RebalanceTrigger.NewRelease,
        TaskPicked or TaskShortPicked => RebalanceTrigger.TaskDone,
        PickerLoggedIn => RebalanceTrigger.PickerIdle,
        PickerLoggedOut or TaskReassigned or FloorBlocked or FloorUnblocked => RebalanceTrigger.Disruption,
        OrderHeld or OrderHoldReleased or OrderPriorityChanged => RebalanceTrigger.PriorityChange,
        _ => null,
    };

    public void Observe(LiteDatabase db, FloorJournal journal, FloorEvent floorEvent)
    {
        ArgumentNullException.ThrowIfNull(floorEvent);
        if (TriggerFor(floorEvent) is { } trigger)
        {
            board.RequestReplan(trigger);
        }
    }
}
