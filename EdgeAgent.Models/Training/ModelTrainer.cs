using EdgeAgent.Models.Manifest;

namespace EdgeAgent.Models.Training;

/// <summary>Trains both shipped models from the floor truth and writes their <c>.onnx</c> and manifest files.</summary>
public static class ModelTrainer
{
    /// <summary>Trains both models; nothing is written.</summary>
    public static IReadOnlyList<ModelArtifacts> Train(TrainingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return [PickDurationTraining.Train(settings), LateRiskTraining.Train(settings)];
    }

    /// <summary>Trains both models and writes <c>{name}.onnx</c> and <c>{name}.manifest.json</c> into <paramref name="directory"/>.</summary>
    public static IReadOnlyList<ModelArtifacts> TrainAndWrite(TrainingSettings settings, string directory)
    {
        Directory.CreateDirectory(directory);
        var artifacts = Train(settings);
        foreach (var (manifest, onnx) in artifacts)
        {
            File.WriteAllBytes(Path.Combine(directory, ModelManifest.ModelFileName(manifest.Name)), onnx);
            File.WriteAllText(Path.Combine(directory, ModelManifest.FileName(manifest.Name)), manifest.ToJson());
        }

        return artifacts;
    }
}
