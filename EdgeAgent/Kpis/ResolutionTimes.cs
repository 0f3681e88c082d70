namespace EdgeAgent.Kpis;

/// <summary>How long one team took to resolve exceptions, from routing to resolution.</summary>
public sealed record ResolutionTimes(long Resolved, double? MeanSeconds, double? P90Seconds);
