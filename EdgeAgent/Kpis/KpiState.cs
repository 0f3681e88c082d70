namespace EdgeAgent.Kpis;

/// <summary>The running totals the KPIs are computed from, one document in the store, updated with each event.</summary>
public sealed class KpiState
{
    public const string LedgerId = "ledger";

    public string Id { get; set; } = LedgerId;

    /// <summary>Human actions by kind (approval, override, exception-resolution, ...).</summary>
    public Dictionary<string, long> ManualTouches { get; set; } = [];

    public long Decisions { get; set; }

    /// <summary>Decisions by governed action type and outcome.</summary>
    public Dictionary<string, ActionOutcomes> ByAction { get; set; } = [];

    public long AutomatedDecisions { get; set; }

    public long FallbackDecisions { get; set; }

    public long LowConfidenceDecisions { get; set; }

    public long Overrides { get; set; }

    /// <summary>Time from routing to resolution of exceptions people resolved, by owning team.</summary>
    public Dictionary<string, DurationStats> ResolutionByTeam { get; set; } = [];

    public long LinesCompleted { get; set; }

    public long LinesFilled { get; set; }

    public long UnitsOrdered { get; set; }

    public long UnitsPicked { get; set; }

    public long OrdersCompleted { get; set; }

    public long OrdersFilled { get; set; }

    public long OrdersOnTime { get; set; }

    public DurationStats OrderCycle { get; set; } = new();

    /// <summary>Adds <paramref name="other"/>'s counts into this one (a range's totals from its buckets); recent durations stay bounded.</summary>
    public void Add(KpiState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (kind, count) in other.ManualTouches)
        {
            ManualTouches[kind] = ManualTouches.GetValueOrDefault(kind) + count;
        }

        Decisions += other.Decisions;
        AutomatedDecisions += other.AutomatedDecisions;
        FallbackDecisions += other.FallbackDecisions;
        LowConfidenceDecisions += other.LowConfidenceDecisions;
        Overrides += other.Overrides;
        foreach (var (team, stats) in other.ResolutionByTeam)
        {
            if (!ResolutionByTeam.TryGetValue(team, out var mine))
            {
                ResolutionByTeam[team] = mine = new DurationStats();
            }

            mine.Merge(stats);
        }

        LinesCompleted += other.LinesCompleted;
        LinesFilled += other.LinesFilled;
        UnitsOrdered += other.UnitsOrdered;
        UnitsPicked += other.UnitsPicked;
        OrdersCompleted += other.OrdersCompleted;
        OrdersFilled += other.OrdersFilled;
        OrdersOnTime += other.OrdersOnTime;
        OrderCycle.Merge(other.OrderCycle);
    }
}
