using System.Security.Cryptography;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace EdgeAgent.Models.Training;

/// <summary>ML.NET to ONNX the way the runtime expects it.</summary>
internal static class OnnxExport
{
    /// <summary>
    /// Exports with a schema that has no label column at its root and with an explicit output: otherwise
    /// the graph demands the label as an input and exposes every intermediate column. (Dropping the
    /// label with a transform is not enough: the converter walks back to the source's schema.)
    /// </summary>
    public static byte[] ToBytes<TRow>(MLContext ml, ITransformer model, IEnumerable<TRow> rows, string output)
        where TRow : class
    {
        var definition = SchemaDefinition.Create(typeof(TRow));
        definition.Remove(definition["Label"]);
        var withoutLabel = ml.Data.LoadFromEnumerable(rows, definition);
        using var stream = new MemoryStream();
        ml.Model.ConvertToOnnx(model, withoutLabel, stream, output);
        return stream.ToArray();
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
