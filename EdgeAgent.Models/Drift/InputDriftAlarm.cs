namespace EdgeAgent.Models.Drift;

/// <summary>One feature of a model's live requests past the PSI threshold against its training distribution.</summary>
public sealed record InputDriftAlarm(string ModelName, string ModelVersion, string Feature, double Psi, double Threshold, int Samples, DateTimeOffset RaisedAt);
