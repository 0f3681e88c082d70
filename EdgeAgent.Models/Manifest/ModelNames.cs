namespace EdgeAgent.Models.Manifest;

/// <summary>The names of the models the agent ships; each is the stem of its <c>.onnx</c> and manifest files.</summary>
public static class ModelNames
{
    public const string PickDuration = "pick-duration";

    public const string LateRisk = "late-risk";
}
