namespace EdgeAgent.ShiftScenario.Report;

/// <summary>One order judged at its real cut-off: on time (every line done by then) and in full (no line short).</summary>
public sealed record OrderOutcome(string Id, string Tier, bool OnTime, bool InFull);
