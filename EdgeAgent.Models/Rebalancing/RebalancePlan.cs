using EdgeAgent.Models.Scoring;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>The rebalancer's answer: per picker the next tasks, how they were decided, and what it cost to decide.</summary>
public sealed record RebalancePlan
{
    public required IReadOnlyList<PickerPlan> Pickers { get; init; }

    public required PlanMethod Method { get; init; }

    public FallbackReason FallbackReason { get; init; } = FallbackReason.None;

    /// <summary>The exception message or the limit that was passed, when the rule planned.</summary>
    public string? FallbackDetail { get; init; }

    /// <summary>The models whose predictions decided; empty for a rule plan.</summary>
    public IReadOnlyList<ModelIdentity> Models { get; init; } = [];

    public required double Confidence { get; init; }

    /// <summary>The objective of README.md (seconds); null for a rule plan, which has no model costs.</summary>
    public double? Objective { get; init; }

    public required TimeSpan Elapsed { get; init; }

    public required RebalanceTrigger Trigger { get; init; }

    public required RebalanceCounters Counters { get; init; }

    /// <summary>
    /// True when time ran short after the first step: every picker's first task was planned by the models,
    /// later steps only where kept from the last plan. The floor loses nothing it acts on now.
    /// </summary>
    public bool LaterStepsCut { get; init; }

    /// <summary>The planned tasks of one picker, or none.</summary>
    public IReadOnlyList<PlannedTask> For(string pickerId) =>
        Pickers.FirstOrDefault(p => p.PickerId == pickerId)?.Tasks ?? [];
}
