using EdgeAgent.Events;
using EdgeAgent.Fulfilment;

namespace EdgeAgent.Kpis;

/// <summary>
/// The KPI fold: each floor event updates the running totals. Pure apart from reading the event's task and
/// its order's lines from the store; the definitions are in <c>Kpis/README.md</c>.
/// </summary>
public static class KpiLedger
{
    /// <summary>True for the event types that move a KPI (the rest need not load the state).</summary>
    public static bool Counts(FloorEvent floorEvent) => floorEvent is DecisionRecorded or DecisionOverridden or ApprovalDecided
        or AutomationPaused or AutomationResumed or RightsChanged or ExceptionResolved or TaskPicked or TaskShortPicked or ItemDamaged;

    /// <summary>Folds one event into <paramref name="state"/>; returns false when the event moves no KPI.</summary>
    public static bool Apply(KpiState state, FloorEvent floorEvent, FloorCollections floor)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(floorEvent);
        switch (floorEvent)
        {
            case DecisionRecorded d:
                Decision(state, d);
                break;
            case DecisionOverridden overridden:
                state.Overrides++;
                For(state, overridden.Action).Overridden++;
                Touch(state, "override");
                break;
            case ApprovalDecided approval:
                Approval(state, approval);
                break;
            case AutomationPaused or AutomationResumed:
                Touch(state, "automation-switch");
                break;
            case RightsChanged:
                Touch(state, "rights-change");
                break;
            case ExceptionResolved resolved:
                CountResolution(state, resolved);
                break;
            case TaskShortPicked shortPick:
                Touch(state, "short-pick");
                LineCompleted(state, shortPick, shortPick.TaskId, fullyPicked: false, floor);
                break;
            case ItemDamaged:
                Touch(state, "damaged-report");
                break;
            case TaskPicked picked:
                LineCompleted(state, picked, picked.TaskId, fullyPicked: true, floor);
                break;
            default:
                return false;
        }

        return true;
    }

    private static void Touch(KpiState s, string kind) => s.ManualTouches[kind] = s.ManualTouches.GetValueOrDefault(kind) + 1;

    private static ActionOutcomes For(KpiState s, string action)
    {
        if (!s.ByAction.TryGetValue(action, out var outcomes))
        {
            s.ByAction[action] = outcomes = new ActionOutcomes();
        }

        return outcomes;
    }

    private static void Approval(KpiState s, ApprovalDecided a)
    {
        var outcomes = For(s, a.Action);
        switch (a.Outcome)
        {
            case ApprovalOutcome.TimedOut:
                outcomes.TimedOut++;
                return; // nobody touched it
            case ApprovalOutcome.Approved:
                outcomes.Approved++;
                break;
            case ApprovalOutcome.Edited:
                outcomes.Edited++;
                break;
            default:
                outcomes.Rejected++;
                break;
        }

        Touch(s, "approval");
    }

    private static void Decision(KpiState s, DecisionRecorded d)
    {
        s.Decisions++;
        var outcomes = For(s, d.Action);
        outcomes.Decisions++;
        outcomes.LowConfidence += d.LowConfidence ? 1 : 0;
        outcomes.Automated += d.Verdict == DecisionVerdict.Executed ? 1 : 0;
        outcomes.Assisted += d.Verdict == DecisionVerdict.AwaitingApproval ? 1 : 0;
        outcomes.Recommended += d.Verdict == DecisionVerdict.RecommendedOnly ? 1 : 0;
        s.LowConfidenceDecisions += d.LowConfidence ? 1 : 0;
        switch (d.Verdict)
        {
            case DecisionVerdict.Executed:
                s.AutomatedDecisions++;
                s.FallbackDecisions += d.Fallback ? 1 : 0;
                break;
            case DecisionVerdict.RecommendedOnly:
                // Recommended-only: the system proposed and a person carries it out.
                Touch(s, "recommended-executed");
                break;
            default:
                break;
        }
    }

    private static void CountResolution(KpiState s, ExceptionResolved e)
    {
        if (e.By is null || e.Code == Exceptions.ExceptionOptions.AutoCleared)
        {
            return;
        }

        Touch(s, "exception-resolution");
        if (!s.ResolutionByTeam.TryGetValue(e.Team, out var stats))
        {
            s.ResolutionByTeam[e.Team] = stats = new DurationStats();
        }

        stats.Add(e.ResolutionSeconds);
    }

    private static void LineCompleted(KpiState s, FloorEvent e, string taskId, bool fullyPicked, FloorCollections floor)
    {
        if (floor.Tasks.FindById(taskId) is not { } task)
        {
            return;
        }

        var picked = task.PickedQuantity ?? (fullyPicked ? task.Quantity : 0);
        s.LinesCompleted++;
        s.LinesFilled += picked >= task.Quantity ? 1 : 0;
        s.UnitsOrdered += task.Quantity;
        s.UnitsPicked += picked;
        OrderCompleted(s, e.At, fullyPicked, floor, task);
    }

    private static void OrderCompleted(KpiState s, DateTime at, bool fullyPicked, FloorCollections floor, PickTask completed)
    {
        var lines = floor.Tasks.Find(t => t.OrderId == completed.OrderId).ToList();
        if (!lines.All(t => t.Id == completed.Id || t.Status is PickTaskStatus.Picked or PickTaskStatus.ShortPicked))
        {
            return;
        }

        // This event completes the order's last open line: the order is counted exactly once, here.
        var done = lines.Max(t => t.Id == completed.Id ? at : (t.CompletedAt ?? at).ToUniversalTime());
        var released = lines.Min(t => t.ReleasedAt.ToUniversalTime());
        var cutOff = lines.Min(t => t.DueAt.ToUniversalTime());
        s.OrdersCompleted++;
        s.OrdersOnTime += done <= cutOff ? 1 : 0;
        s.OrdersFilled += lines.All(t => (t.PickedQuantity ?? 0) >= t.Quantity || (t.Id == completed.Id && fullyPicked)) ? 1 : 0;
        s.OrderCycle.Add(Math.Max(0, (done - released).TotalSeconds));
    }
}
