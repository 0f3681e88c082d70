using EdgeAgent.Events;

namespace EdgeAgent.Web.Live;

/// <summary>
/// Which of the console's queues a floor event changes. The page refetches just that queue (a short list)
/// when a batch names it, instead of polling every queue.
/// </summary>
public static class LiveTopics
{
    public const string Approvals = "approvals";
    public const string Exceptions = "exceptions";
    public const string Pauses = "pauses";
    public const string Blocks = "blocks";
    public const string Holds = "holds";
    public const string Planning = "planning";
    public const string Kpis = "kpis";
    public const string Audit = "audit";

    /// <summary>The queues <paramref name="floorEvent"/> changes; empty for plain floor work (tasks and pickers travel in the batch itself).</summary>
    public static IReadOnlyList<string> Of(FloorEvent floorEvent) => floorEvent switch
    {
        DecisionRecorded or ApprovalDecided or DecisionHandedOff or DecisionExecutedByHand => [Approvals, Audit, Kpis],
        DecisionOverridden => [Approvals, Audit, Kpis],
        ExceptionOpened or ExceptionAcknowledged or ExceptionEscalated or ExceptionResolved => [Exceptions, Kpis],
        AutomationPaused or AutomationResumed => [Pauses, Audit],
        FloorBlocked or FloorUnblocked => [Blocks, Planning, Audit],
        OrderHeld or OrderHoldReleased or OrderPriorityChanged => [Holds, Audit],
        ModelDriftAlarm or PlanningReenabled or PlanningMethodChanged or ModelRejected => [Planning, Audit],
        RightsChanged => [Audit],
        TaskPicked or TaskShortPicked => [Kpis],
        _ => [],
    };
}
