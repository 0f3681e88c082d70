namespace EdgeAgent.ShiftScenario.Report;

/// <summary>The floor every few minutes: open lines, and the share of orders due so far that made their cut-off.</summary>
public sealed record ShiftSample(TimeSpan At, int Backlog, double? OnTimeSoFar);
