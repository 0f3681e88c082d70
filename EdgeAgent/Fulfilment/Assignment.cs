namespace EdgeAgent.Fulfilment;

/// <summary>The task handed to a picker and how it was chosen, for the decision record.</summary>
/// <param name="Method">"model" (from the rebalancer's plan) or "rule" (earliest cut-off, then nearest).</param>
/// <param name="Confidence">The plan's confidence in this pick; 1 for the rule, which is policy, not a guess.</param>
/// <param name="FallbackReason">Why the rule chose; null when the plan did.</param>
public sealed record Assignment(PickTask Task, string Method, double Confidence, double? PredictedSeconds, long PlanSeq, string Models, string? FallbackReason);
