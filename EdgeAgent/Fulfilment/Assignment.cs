using EdgeAgent.Planning;

namespace EdgeAgent.Fulfilment;

/// <summary>The task chosen for a picker and how it was chosen, for the decision record.</summary>
/// <param name="Method">"model" (from the rebalancer's plan) or "rule" (earliest cut-off, then nearest).</param>
/// <param name="Confidence">The plan's confidence in this pick; 1 for the rule, which is policy, not a guess.</param>
/// <param name="Planned">The plan's entry when the plan chose; null when the rule did.</param>
/// <param name="FallbackReason">Why the rule chose; null when the model did.</param>
public sealed record Assignment(PickTask Task, string Method, double Confidence, PlannedPick? Planned, PickPlan Plan, string? FallbackReason)
{
    /// <summary>The audit sequence number of the decision that handed the task out; 0 without governance.</summary>
    public long DecisionSeq { get; init; }

    public double? PredictedSeconds => Method == "model" ? Planned?.PredictedSeconds : null;
}
