namespace EdgeAgent.Models.Manifest;

/// <summary>One row of a manifest's check set: inputs in feature order and what the trainer predicted for them.</summary>
public sealed record ModelCheckRow(IReadOnlyList<float> Features, float Expected);
