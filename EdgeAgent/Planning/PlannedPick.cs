namespace EdgeAgent.Planning;

/// <summary>One task the rebalancer lined up for a picker, with what it predicted.</summary>
public sealed record PlannedPick(string TaskId, double PredictedSeconds, double LateRisk, double Confidence);
