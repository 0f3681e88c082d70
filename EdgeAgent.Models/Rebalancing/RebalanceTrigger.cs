namespace EdgeAgent.Models.Rebalancing;

/// <summary>What made the host ask for a new plan; recorded in the plan so an audit can tell why it ran.</summary>
public enum RebalanceTrigger
{
    NewRelease,
    PickerIdle,
    TaskDone,
    Disruption,
    PriorityChange,
    Manual,
}
