using System.Globalization;
using EdgeAgent.Models.Training;

// Usage: dotnet run --project EdgeAgent.Models/Training -c Release -- [output directory]
// The default output is EdgeAgent.Models/models under the current directory (run it from the repository root).
var directory = args.Length > 0 ? args[0] : Path.Combine("EdgeAgent.Models", "models");
var artifacts = ModelTrainer.TrainAndWrite(new TrainingSettings(), directory);
foreach (var (manifest, _) in artifacts)
{
    var metrics = string.Join(", ", manifest.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Value:0.####}")));
    Console.WriteLine($"{manifest.Name} {manifest.Version}: {metrics}; onnx sha256 {manifest.OnnxSha256}");
}

Console.WriteLine($"Wrote {artifacts.Count * 2} files to {Path.GetFullPath(directory)}");
