using EdgeAgent.Models.Features;
using EdgeAgent.Models.Manifest;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace EdgeAgent.Models.Training;

/// <summary>Trains the late-risk classifier (probability of missing the cut-off) and describes it in its manifest.</summary>
internal static class LateRiskTraining
{
    public static ModelArtifacts Train(TrainingSettings settings)
    {
        var (trainingRows, validationRows) = TrainingData.Orders(settings);
        var ml = new MLContext(settings.Seed);
        var training = ml.Data.LoadFromEnumerable(trainingRows);
        var validation = ml.Data.LoadFromEnumerable(validationRows);

        var trainer = new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = "Label",
            FeatureColumnName = "Features",
            NumberOfTrees = settings.Trees,
            NumberOfLeaves = settings.Leaves,
            MinimumExampleCountPerLeaf = settings.MinimumRowsPerLeaf,
            LearningRate = settings.LearningRate,
            NumberOfThreads = 1,
            Seed = settings.Seed,
        };
        var pipeline = ml.Transforms.Concatenate("Features", [.. LateRiskFeatures.Names])
            .Append(ml.BinaryClassification.Trainers.FastTree(trainer));
        var model = pipeline.Fit(training);

        var scored = model.Transform(validation);
        var metrics = ml.BinaryClassification.Evaluate(scored, "Label");
        var predictions = scored.GetColumn<float>("Probability").ToArray();

        var onnx = OnnxExport.ToBytes(ml, model, trainingRows, "Probability");
        var manifest = new ModelManifest
        {
            Name = ModelNames.LateRisk,
            Version = settings.Version,
            Predicts = "probability that the order misses its ship cut-off",
            Trainer = PickDurationTraining.TrainerText("FastTree binary, calibrated", settings),
            Features = LateRiskFeatures.Names,
            OutputName = "Probability.output",
            OnnxSha256 = OnnxExport.Sha256(onnx),
            TrainingDataSha256 = TrainingData.Hash(LateRiskFeatures.Names, trainingRows.Select(r => (TrainingData.Features(r), r.Label ? 1f : 0f))),
            Seed = settings.Seed,
            TrainingRows = trainingRows.Count,
            ValidationRows = validationRows.Count,
            Metrics = new Dictionary<string, double>
            {
                ["auc"] = metrics.AreaUnderRocCurve,
                ["logLoss"] = metrics.LogLoss,
                ["accuracy"] = metrics.Accuracy,
                ["lateRate"] = validationRows.Count(r => r.Label) / (double)validationRows.Count,
            },
            CheckSet = [.. validationRows.Take(settings.CheckRows).Select((r, i) => new ModelCheckRow(TrainingData.Features(r), predictions[i]))],
            Inputs = FeatureDistribution.Of(LateRiskFeatures.Names, [.. trainingRows.Select(TrainingData.Features)]),
        };
        return new ModelArtifacts(manifest, onnx);
    }
}
