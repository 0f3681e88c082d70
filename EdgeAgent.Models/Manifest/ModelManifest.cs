using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeAgent.Models.Manifest;

/// <summary>
/// What a shipped <c>.onnx</c> file is and how it was made: written by the training tool next to the
/// model, checked by the loader before the model may score. Holds nothing that changes between two
/// runs of the tool on the same inputs, so retraining reproduces it byte for byte.
/// </summary>
public sealed record ModelManifest
{
    /// <summary>The model's name; also the stem of its files (<c>{Name}.onnx</c>, <c>{Name}.manifest.json</c>).</summary>
    public required string Name { get; init; }

    public required string Version { get; init; }

    /// <summary>What the model predicts and in which unit, for a person reading the file.</summary>
    public required string Predicts { get; init; }

    /// <summary>Trainer and hyper-parameters, for a person reading the file.</summary>
    public required string Trainer { get; init; }

    /// <summary>Input names in the order the runtime's feature struct lists them; each is one <c>[n,1]</c> float input of the graph.</summary>
    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>The graph output the runtime reads (e.g. <c>Score.output</c>).</summary>
    public required string OutputName { get; init; }

    /// <summary>Lower-case hex SHA-256 of the <c>.onnx</c> file.</summary>
    public required string OnnxSha256 { get; init; }

    /// <summary>Lower-case hex SHA-256 over the canonical encoding of the training rows (features then label, little-endian).</summary>
    public required string TrainingDataSha256 { get; init; }

    public required int Seed { get; init; }

    public required int TrainingRows { get; init; }

    public required int ValidationRows { get; init; }

    /// <summary>Metrics on the held-out rows (MAE/RMSE/R² for a regressor, AUC/log-loss/accuracy for a classifier).</summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>Rows with the trainer's own predictions, so the runtime can prove it scores the same.</summary>
    public required IReadOnlyList<ModelCheckRow> CheckSet { get; init; }

    /// <summary>
    /// Each feature's training distribution, for the input drift monitor; absent from manifests written before it
    /// existed (the monitor then has nothing to compare with and stays quiet).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FeatureDistribution>? Inputs { get; init; }

    /// <summary>The manifest file's name for a model name.</summary>
    public static string FileName(string modelName) => modelName + ".manifest.json";

    /// <summary>The model file's name for a model name.</summary>
    public static string ModelFileName(string modelName) => modelName + ".onnx";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        // Readable apostrophes and the like; the file is read by people and by this parser only.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    /// <summary>The canonical text of the manifest: same manifest, same bytes.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>Reads a manifest; throws <see cref="JsonException"/> when the text is not one.</summary>
    public static ModelManifest Parse(string json) =>
        JsonSerializer.Deserialize<ModelManifest>(json, Json) ?? throw new JsonException("The manifest is empty (null).");
}
