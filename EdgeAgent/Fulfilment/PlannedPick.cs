namespace EdgeAgent.Fulfilment;

/// <summary>One task the rebalancer lined up for a picker, with what it predicted and why it chose it.</summary>
/// <param name="Basis">The decision in one line (its cost, the candidates weighed, the runner-up).</param>
/// <param name="RunnerUps">The cheapest tasks not chosen, best first, for the approval's alternatives.</param>
public sealed record PlannedPick(string TaskId, double PredictedSeconds, double? LateRisk, double Confidence, string Basis = "", IReadOnlyList<string>? RunnerUps = null);
