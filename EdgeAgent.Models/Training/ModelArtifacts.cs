using EdgeAgent.Models.Manifest;

namespace EdgeAgent.Models.Training;

/// <summary>A trained model's ONNX bytes and its manifest, ready to write.</summary>
public sealed record ModelArtifacts(ModelManifest Manifest, byte[] Onnx);
