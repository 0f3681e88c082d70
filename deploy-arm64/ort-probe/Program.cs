using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

// ort-probe <models dir> [env|session|score]: stops after the named stage, to find where a crash happens.
var directory = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "models");
var stage = args.Length > 1 ? args[1] : "score";
Console.WriteLine($"ort-probe: {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}, stage {stage}");
var env = OrtEnv.Instance();
Console.WriteLine($"ort-probe: OrtEnv created, ONNX Runtime {env.GetVersionString()}");
if (stage == "env")
{
    return 0;
}

var failures = 0;
foreach (var manifestPath in Directory.GetFiles(directory, "*.manifest.json").Order(StringComparer.Ordinal))
{
    using var manifest = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
    var root = manifest.RootElement;
    var name = root.GetProperty("name").GetString()!;
    var features = root.GetProperty("features").EnumerateArray().Select(f => f.GetString()!).ToList();
    var output = root.GetProperty("outputName").GetString()!;
    using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, IntraOpNumThreads = 1, InterOpNumThreads = 1 };
    using var session = new InferenceSession(Path.Combine(directory, name + ".onnx"), options);
    Console.WriteLine($"ort-probe: {name} loaded, inputs [{string.Join(", ", session.InputMetadata.Select(i => $"{i.Key}:{i.Value.ElementType.Name}"))}]");
    if (stage == "session")
    {
        continue;
    }

    foreach (var row in root.GetProperty("checkSet").EnumerateArray())
    {
        var values = row.GetProperty("features").EnumerateArray().Select(v => v.GetSingle()).ToList();
        var inputs = features.Select((f, i) => session.InputMetadata[f].ElementType == typeof(string)
            ? NamedOnnxValue.CreateFromTensor(f, new DenseTensor<string>(new[] { values[i].ToString(CultureInfo.InvariantCulture) }, [1, 1]))
            : NamedOnnxValue.CreateFromTensor(f, new DenseTensor<float>(new[] { values[i] }, [1, 1]))).ToList();
        using var results = session.Run(inputs, [output]);
        var score = results[0].AsEnumerable<float>().First();
        var expected = row.TryGetProperty("expected", out var e) ? e.GetSingle() : row.GetProperty("expectedProbability").GetSingle();
        var ok = Math.Abs(score - expected) <= 1e-3 * Math.Max(1, Math.Abs(expected));
        failures += ok ? 0 : 1;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ort-probe: {name} scored {score} expected {expected} {(ok ? "ok" : "MISMATCH")}"));
    }
}

Console.WriteLine(failures == 0 ? "ort-probe: all check rows match" : $"ort-probe: {failures} check rows differ");
return failures == 0 ? 0 : 1;
