using EdgeAgent.Fulfilment;

namespace EdgeAgent.Kpis;

/// <summary>
/// The KPI fold: each floor event updates the running totals. Pure apart from reading the event's task and
/// its order's lines from the store; the definitions are in <c>Kpis/README.md</c>.
/// </summary>
public static class KpiLedger
{
    private static readonly Dictionary<string, Action<KpiState, FloorEvent, FloorCollections>> Table = new(StringComparer.Ordinal)
    {
        ["decision.automated"] = (s, e, _) => Decision(s, e, automated: true),
        ["decision.assisted"] = (s, e, _) => Decision(s, e, automated: false),
        ["decision.recommended"] = (s, e, _) =>
        {
            // Recommended-only: the system proposed and a person carried it out.
            Decision(s, e, automated: false);
            Touch(s, "recommended-executed");
        },
        ["decision.overridden"] = (s, _, _) =>
        {
            s.Overrides++;
            Touch(s, "override");
        },
        ["approval.approved"] = (s, _, _) => Touch(s, "approval"),
        ["approval.rejected"] = (s, _, _) => Touch(s, "approval"),
        ["approval.edited"] = (s, _, _) => Touch(s, "approval"),
        ["automation.paused"] = (s, _, _) => Touch(s, "automation-switch"),
        ["automation.resumed"] = (s, _, _) => Touch(s, "automation-switch"),
        ["rights.changed"] = (s, _, _) => Touch(s, "rights-change"),
        ["exception.resolved"] = (s, e, _) => ExceptionResolved(s, e),
        ["task.short"] = (s, e, floor) =>
        {
            Touch(s, "short-pick");
            LineCompleted(s, e, floor);
        },
        ["item.damaged"] = (s, _, _) => Touch(s, "damaged-report"),
        ["task.picked"] = LineCompleted,
    };

    /// <summary>True for the event types that move a KPI (the rest need not load the state).</summary>
    public static bool Counts(string eventType) => Table.ContainsKey(eventType);

    /// <summary>Folds one event into <paramref name="state"/>; returns false when the event moves no KPI.</summary>
    public static bool Apply(KpiState state, FloorEvent floorEvent, FloorCollections floor)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(floorEvent);
        if (!Table.TryGetValue(floorEvent.Type, out var apply))
        {
            return false;
        }

        apply(state, floorEvent, floor);
        return true;
    }

    private static void Touch(KpiState s, string kind) => s.ManualTouches[kind] = s.ManualTouches.GetValueOrDefault(kind) + 1;

    private static void Decision(KpiState s, FloorEvent e, bool automated)
    {
        var flags = DecisionFlags.Parse(e.Detail);
        s.Decisions++;
        s.LowConfidenceDecisions += flags.LowConfidence ? 1 : 0;
        if (automated)
        {
            s.AutomatedDecisions++;
            s.FallbackDecisions += flags.Fallback ? 1 : 0;
        }
    }

    private static void ExceptionResolved(KpiState s, FloorEvent e)
    {
        var flags = DecisionFlags.Parse(e.Detail);
        if (flags.By is null || flags.Code == Exceptions.ExceptionOptions.AutoCleared)
        {
            return;
        }

        Touch(s, "exception-resolution");
        var team = flags.Team ?? "unknown";
        if (!s.ResolutionByTeam.TryGetValue(team, out var stats))
        {
            s.ResolutionByTeam[team] = stats = new DurationStats();
        }

        stats.Add(flags.ResolutionSeconds ?? 0);
    }

    private static void LineCompleted(KpiState s, FloorEvent e, FloorCollections floor)
    {
        if (e.TaskId is not { } id || floor.Tasks.FindById(id) is not { } task)
        {
            return;
        }

        var picked = task.PickedQuantity ?? (e.Type == "task.picked" ? task.Quantity : 0);
        s.LinesCompleted++;
        s.LinesFilled += picked >= task.Quantity ? 1 : 0;
        s.UnitsOrdered += task.Quantity;
        s.UnitsPicked += picked;
        OrderCompleted(s, e, floor, task);
    }

    private static void OrderCompleted(KpiState s, FloorEvent e, FloorCollections floor, PickTask completed)
    {
        var lines = floor.Tasks.Find(t => t.OrderId == completed.OrderId).ToList();
        if (!lines.All(t => t.Id == completed.Id || t.Status is PickTaskStatus.Picked or PickTaskStatus.ShortPicked))
        {
            return;
        }

        // This event completes the order's last open line: the order is counted exactly once, here.
        var done = lines.Max(t => t.Id == completed.Id ? e.At : (t.CompletedAt ?? e.At).ToUniversalTime());
        var released = lines.Min(t => t.ReleasedAt.ToUniversalTime());
        var cutOff = lines.Min(t => t.DueAt.ToUniversalTime());
        s.OrdersCompleted++;
        s.OrdersOnTime += done <= cutOff ? 1 : 0;
        s.OrdersFilled += lines.All(t => (t.PickedQuantity ?? 0) >= t.Quantity || (t.Id == completed.Id && e.Type == "task.picked")) ? 1 : 0;
        s.OrderCycle.Add(Math.Max(0, (done - released).TotalSeconds));
    }
}
