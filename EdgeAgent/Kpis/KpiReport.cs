namespace EdgeAgent.Kpis;

/// <summary>The KPIs as the supervisor page and <c>GET /api/kpis</c> show them; a rate is null until its denominator is non-zero.</summary>
public sealed record KpiReport
{
    public required long ManualTouches { get; init; }

    public required IReadOnlyDictionary<string, long> ManualTouchesByKind { get; init; }

    public required long TouchesAvoided { get; init; }

    public required IReadOnlyDictionary<string, ResolutionTimes> ExceptionResolution { get; init; }

    public required long OrdersCompleted { get; init; }

    public required double? OrderCycleMeanSeconds { get; init; }

    public required double? OrderCycleP90Seconds { get; init; }

    public required long OrdersOnTime { get; init; }

    public required double? OnTimeRate { get; init; }

    public required double? UnitFillRate { get; init; }

    public required double? LineFillRate { get; init; }

    public required double? OrderFillRate { get; init; }

    public required long Decisions { get; init; }

    public required long AutomatedDecisions { get; init; }

    /// <summary>Each governed action type's decisions: automated, assisted, recommended, approved, rejected, overridden.</summary>
    public IReadOnlyDictionary<string, ActionOutcomes> DecisionsByAction { get; init; } = new Dictionary<string, ActionOutcomes>();

    public required long Overrides { get; init; }

    public required double? OverrideRate { get; init; }

    public required long LowConfidenceDecisions { get; init; }

    public required double? LowConfidenceShare { get; init; }

    public required long FallbackDecisions { get; init; }

    public required double? FallbackRate { get; init; }

    public static KpiReport From(KpiState s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new KpiReport
        {
            ManualTouches = s.ManualTouches.Values.Sum(),
            ManualTouchesByKind = new SortedDictionary<string, long>(s.ManualTouches, StringComparer.Ordinal),
            TouchesAvoided = s.AutomatedDecisions,
            ExceptionResolution = new SortedDictionary<string, ResolutionTimes>(
                s.ResolutionByTeam.ToDictionary(t => t.Key, t => new ResolutionTimes(t.Value.Count, t.Value.MeanSeconds, t.Value.P90Seconds)),
                StringComparer.Ordinal),
            OrdersCompleted = s.OrdersCompleted,
            OrderCycleMeanSeconds = s.OrderCycle.MeanSeconds,
            OrderCycleP90Seconds = s.OrderCycle.P90Seconds,
            OrdersOnTime = s.OrdersOnTime,
            OnTimeRate = Rate(s.OrdersOnTime, s.OrdersCompleted),
            UnitFillRate = Rate(s.UnitsPicked, s.UnitsOrdered),
            LineFillRate = Rate(s.LinesFilled, s.LinesCompleted),
            OrderFillRate = Rate(s.OrdersFilled, s.OrdersCompleted),
            Decisions = s.Decisions,
            AutomatedDecisions = s.AutomatedDecisions,
            DecisionsByAction = new SortedDictionary<string, ActionOutcomes>(s.ByAction, StringComparer.Ordinal),
            Overrides = s.Overrides,
            OverrideRate = Rate(s.Overrides, s.AutomatedDecisions),
            LowConfidenceDecisions = s.LowConfidenceDecisions,
            LowConfidenceShare = Rate(s.LowConfidenceDecisions, s.Decisions),
            FallbackDecisions = s.FallbackDecisions,
            FallbackRate = Rate(s.FallbackDecisions, s.AutomatedDecisions),
        };
    }

    private static double? Rate(long part, long whole) => whole == 0 ? null : (double)part / whole;
}
