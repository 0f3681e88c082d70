using EdgeAgent.Models.Features;
using EdgeAgent.Models.Manifest;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace EdgeAgent.Models.Training;

/// <summary>Trains the pick-duration regressor (seconds) and describes it in its manifest.</summary>
internal static class PickDurationTraining
{
    public static ModelArtifacts Train(TrainingSettings settings)
    {
        var (trainingRows, validationRows) = TrainingData.Picks(settings);
        var ml = new MLContext(settings.Seed);
        var training = ml.Data.LoadFromEnumerable(trainingRows);
        var validation = ml.Data.LoadFromEnumerable(validationRows);

        var trainer = new FastTreeRegressionTrainer.Options
        {
            LabelColumnName = "Label",
            FeatureColumnName = "Features",
            NumberOfTrees = settings.Trees,
            NumberOfLeaves = settings.Leaves,
            MinimumExampleCountPerLeaf = settings.MinimumRowsPerLeaf,
            LearningRate = settings.LearningRate,
            // One thread and a seed: the trees, and so the .onnx bytes, come out the same on every run.
            NumberOfThreads = 1,
            Seed = settings.Seed,
        };
        var pipeline = ml.Transforms.Concatenate("Features", [.. PickFeatures.Names])
            .Append(ml.Regression.Trainers.FastTree(trainer));
        var model = pipeline.Fit(training);

        var scored = model.Transform(validation);
        var metrics = ml.Regression.Evaluate(scored, "Label", "Score");
        var predictions = scored.GetColumn<float>("Score").ToArray();

        var onnx = OnnxExport.ToBytes(ml, model, trainingRows, "Score");
        var manifest = new ModelManifest
        {
            Name = ModelNames.PickDuration,
            Version = settings.Version,
            Predicts = "seconds from leaving the picker's location to confirming the task's quantity",
            Trainer = TrainerText("FastTree regression", settings),
            Features = PickFeatures.Names,
            OutputName = "Score.output",
            OnnxSha256 = OnnxExport.Sha256(onnx),
            TrainingDataSha256 = TrainingData.Hash(PickFeatures.Names, trainingRows.Select(r => (TrainingData.Features(r), r.Label))),
            Seed = settings.Seed,
            TrainingRows = trainingRows.Count,
            ValidationRows = validationRows.Count,
            Metrics = new Dictionary<string, double>
            {
                ["mae"] = metrics.MeanAbsoluteError,
                ["rmse"] = metrics.RootMeanSquaredError,
                ["r2"] = metrics.RSquared,
            },
            CheckSet = [.. validationRows.Take(settings.CheckRows).Select((r, i) => new ModelCheckRow(TrainingData.Features(r), predictions[i]))],
            Inputs = FeatureDistribution.Of(PickFeatures.Names, [.. trainingRows.Select(TrainingData.Features)]),
        };
        return new ModelArtifacts(manifest, onnx);
    }

    internal static string TrainerText(string trainer, TrainingSettings settings) =>
        FormattableString.Invariant(
            $"{trainer}: {settings.Trees} trees, {settings.Leaves} leaves, at least {settings.MinimumRowsPerLeaf} rows a leaf, learning rate {settings.LearningRate}, 1 thread");
}
