using System.Globalization;
using EdgeAgent.Models.Training;

// Usage: dotnet run --project EdgeAgent.Models/Training -c Release -- [output directory] [--version V] [--pick-seconds-scale S]
// The default output is EdgeAgent.Models/models under the current directory (run it from the repository root).
// --version and --pick-seconds-scale make a model update for a changed floor (the shipped models use neither).
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal) && p.i + 1 < args.Length).ToDictionary(p => p.a, p => args[p.i + 1], StringComparer.Ordinal);
var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))).ToList();
var directory = positional.Count > 0 ? positional[0] : Path.Combine("EdgeAgent.Models", "models");
var settings = new TrainingSettings();
settings = settings with
{
    Version = options.GetValueOrDefault("--version", settings.Version),
    PickSecondsScale = options.TryGetValue("--pick-seconds-scale", out var scale) ? double.Parse(scale, CultureInfo.InvariantCulture) : settings.PickSecondsScale,
};
var artifacts = ModelTrainer.TrainAndWrite(settings, directory);
foreach (var (manifest, _) in artifacts)
{
    var metrics = string.Join(", ", manifest.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Value:0.####}")));
    Console.WriteLine($"{manifest.Name} {manifest.Version}: {metrics}; onnx sha256 {manifest.OnnxSha256}");
}

Console.WriteLine($"Wrote {artifacts.Count * 2} files to {Path.GetFullPath(directory)}");
