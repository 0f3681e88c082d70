namespace EdgeAgent.Governance;

/// <summary>The action types the decision-rights matrix governs.</summary>
public static class ActionTypes
{
    public const string TaskAssign = "task.assign";
    public const string TaskReassign = "task.reassign";
    public const string PrintReroute = "print.reroute";
    public const string OrderHold = "order.hold";
    public const string ItemSubstitute = "item.substitute";
    public const string ShipmentSplit = "shipment.split";
    public const string ExceptionEscalate = "exception.escalate";
    public const string CartonDivert = "carton.divert";

    /// <summary>The action type of audit records that change the matrix itself.</summary>
    public const string RightsChange = "governance.rights";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        TaskAssign, TaskReassign, PrintReroute, OrderHold, ItemSubstitute, ShipmentSplit, ExceptionEscalate, CartonDivert,
    };
}
