using EdgeAgent.Fulfilment;
using EdgeAgent.Models.Rebalancing;

namespace EdgeAgent.Planning;

/// <summary>
/// Asks for a rebalance when a floor event changes the work or the workers. It sees the event inside its
/// transaction; should that roll back, the only cost is one rebalance that finds nothing new.
/// </summary>
public sealed class PlanTriggerObserver(PlanBoard board) : IFloorEventObserver
{
    private static readonly Dictionary<string, RebalanceTrigger> Triggers = new(StringComparer.Ordinal)
    {
        ["tasks.released"] = RebalanceTrigger.NewRelease,
        ["task.picked"] = RebalanceTrigger.TaskDone,
        ["task.short"] = RebalanceTrigger.TaskDone,
        ["picker.login"] = RebalanceTrigger.PickerIdle,
        ["picker.logout"] = RebalanceTrigger.Disruption,
        ["task.reassigned"] = RebalanceTrigger.Disruption,
        ["order.held"] = RebalanceTrigger.PriorityChange,
        ["order.hold-released"] = RebalanceTrigger.PriorityChange,
        ["order.priority-changed"] = RebalanceTrigger.PriorityChange,
        ["floor.blocked"] = RebalanceTrigger.Disruption,
        ["floor.unblocked"] = RebalanceTrigger.Disruption,
    };

    public void Observe(FloorCollections floor, FloorEvent floorEvent)
    {
        ArgumentNullException.ThrowIfNull(floorEvent);
        if (Triggers.TryGetValue(floorEvent.Type, out var trigger))
        {
            board.RequestReplan(trigger);
        }
    }
}
