namespace EdgeAgent.Models.Scoring;

/// <summary>Which model made a prediction: its name, version and file hash, as its manifest states them.</summary>
public sealed record ModelIdentity(string Name, string Version, string Sha256);
