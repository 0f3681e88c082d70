namespace EdgeAgent.Models.Rebalancing;

/// <summary>One decided step before it becomes a public <see cref="PlannedTask"/>.</summary>
internal readonly record struct PlannedStep(
    int Slot, double Seconds, double Exposure, double Cost, float Risk, double Confidence, DecisionExplanation Explanation);
