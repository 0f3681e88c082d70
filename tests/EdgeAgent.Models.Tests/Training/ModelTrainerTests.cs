using EdgeAgent.Models.Manifest;
using EdgeAgent.Models.Onnx;
using EdgeAgent.Models.Training;

namespace EdgeAgent.Models.Tests.Training;

public sealed class ModelTrainerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edgeagent-training-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Retraining_WithTheShippedSettings_ReproducesTheShippedFilesByteForByte()
    {
        var artifacts = ModelTrainer.TrainAndWrite(new TrainingSettings(), _directory);

        Assert.Equal(2, artifacts.Count);
        foreach (var name in new[] { ModelNames.PickDuration, ModelNames.LateRisk })
        {
            foreach (var file in new[] { ModelManifest.ModelFileName(name), ModelManifest.FileName(name) })
            {
                var shipped = File.ReadAllBytes(Path.Combine(ModelSet.DefaultDirectory, file));
                var retrained = File.ReadAllBytes(Path.Combine(_directory, file));
                Assert.True(shipped.AsSpan().SequenceEqual(retrained), $"{file} differs from the shipped one: run the training tool and commit its output.");
            }
        }
    }

    [Fact]
    public void Manifest_OfTheShippedModels_DescribesDataMetricsAndCheckSet()
    {
        var pick = ModelManifest.Parse(File.ReadAllText(Path.Combine(ModelSet.DefaultDirectory, ModelManifest.FileName(ModelNames.PickDuration))));
        var late = ModelManifest.Parse(File.ReadAllText(Path.Combine(ModelSet.DefaultDirectory, ModelManifest.FileName(ModelNames.LateRisk))));

        Assert.Equal("Score.output", pick.OutputName);
        Assert.Equal("Probability.output", late.OutputName);
        Assert.Equal(64, pick.TrainingDataSha256.Length);
        Assert.NotEqual(pick.TrainingDataSha256, late.TrainingDataSha256);
        Assert.True(pick.Metrics["r2"] > 0.7, $"R² {pick.Metrics["r2"]}");
        Assert.True(late.Metrics["auc"] > 0.9, $"AUC {late.Metrics["auc"]}");
        Assert.Equal(20, pick.CheckSet.Count);
        Assert.Equal(20, late.CheckSet.Count);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
