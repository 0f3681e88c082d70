namespace EdgeAgent.Models.Drift;

/// <summary>A feature's population stability index over the live window (null before there are rows), and whether it alarms.</summary>
public sealed record FeatureDrift(string Feature, double? Psi, bool Alarming);
