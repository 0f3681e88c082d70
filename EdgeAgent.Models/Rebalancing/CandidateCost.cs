namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// One alternative weighed for a decision: cost = predicted seconds − exposure (lower is better).
/// <paramref name="TakenBy"/> names the picker it went to instead, if any.
/// </summary>
public sealed record CandidateCost(string TaskId, double PredictedSeconds, double Exposure, double Cost, string? TakenBy);
