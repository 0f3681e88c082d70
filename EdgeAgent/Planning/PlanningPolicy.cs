namespace EdgeAgent.Planning;

/// <summary>Who decides a picker's next task (<c>Planning:Policy</c>); the scenario runner compares all three.</summary>
public enum PlanningPolicy
{
    /// <summary>The rebalancer with the models, under drift watch, the pick loop's rule as fallback (the default).</summary>
    Models,

    /// <summary>No planner: the pick loop's rule (earliest cut-off, then nearest) decides every next task.</summary>
    Rules,

    /// <summary>No planner and no rule: tasks go out in release order, as a floor without the agent works.</summary>
    Static,
}
