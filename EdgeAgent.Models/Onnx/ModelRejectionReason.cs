namespace EdgeAgent.Models.Onnx;

/// <summary>Why a model was refused at load; the agent then decides with its rules instead.</summary>
public enum ModelRejectionReason
{
    /// <summary>No <c>{name}.manifest.json</c> beside the model.</summary>
    ManifestMissing,

    /// <summary>The manifest is not valid JSON or lacks a required field.</summary>
    ManifestInvalid,

    /// <summary>No <c>{name}.onnx</c> in the directory.</summary>
    ModelFileMissing,

    /// <summary>The file's SHA-256 differs from the manifest's: damaged or tampered with.</summary>
    HashMismatch,

    /// <summary>The manifest's features are not the runtime's features in the runtime's order.</summary>
    FeatureMismatch,

    /// <summary>The graph's inputs are not one <c>[n,1]</c> float input per feature.</summary>
    InputMismatch,

    /// <summary>The graph has no float output of the manifest's output name.</summary>
    OutputMismatch,

    /// <summary>The runtime's predictions for the manifest's check set differ from the trainer's.</summary>
    CheckSetMismatch,

    /// <summary>ONNX Runtime could not load the graph (or is itself unavailable on this machine).</summary>
    LoadFailed,
}
