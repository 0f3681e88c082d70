namespace EdgeAgent.Planning;

/// <summary>The reason codes a refused model update is reported to central with.</summary>
public static class ModelUpdateRefusal
{
    /// <summary>Not a model update (bad chunks, no manifest, too large, unreadable graph).</summary>
    public const string Malformed = "malformed";

    /// <summary>The <c>.onnx</c>'s SHA-256 is not the manifest's: damaged or tampered with.</summary>
    public const string HashMismatch = "hash-mismatch";

    /// <summary>The manifest does not describe this model, or its features are not what the planner feeds.</summary>
    public const string ManifestMismatch = "manifest-mismatch";

    /// <summary>The agent's predictions for the manifest's check set differ from the trainer's.</summary>
    public const string CheckSetFailed = "check-set-failed";
}
