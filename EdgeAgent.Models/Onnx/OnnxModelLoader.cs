using System.Security.Cryptography;
using System.Text.Json;
using EdgeAgent.Models.Features;
using EdgeAgent.Models.Manifest;
using Microsoft.ML.OnnxRuntime;

namespace EdgeAgent.Models.Onnx;

/// <summary>
/// Loads a model only after proving it is the one its manifest describes: file hash, feature names and
/// order, graph inputs and output, and the trainer's own predictions for the check set.
/// </summary>
internal static class OnnxModelLoader
{
    // The trainer and the runtime agree to float32 rounding (observed ~2e-4 on values ~175); a real mismatch is far larger.
    private const float AbsoluteTolerance = 1e-3f;
    private const float RelativeTolerance = 1e-4f;

    public static OnnxScorer<T> Load<T>(string directory, string name)
        where T : struct, IModelFeatures<T>
    {
        var manifest = ReadManifest(directory, name);
        var bytes = ReadVerifiedModel(directory, name, manifest);
        CheckFeatures<T>(name, manifest);

        var session = CreateSession(name, bytes);
        try
        {
            CheckGraph(name, manifest, session);
            var scorer = new OnnxScorer<T>(session, manifest);
            try
            {
                CheckPredictions(name, scorer);
                return scorer;
            }
            catch
            {
                scorer.Dispose();
                throw;
            }
        }
        catch (ModelRejectedException)
        {
            session.Dispose();
            throw;
        }
    }

    private static ModelManifest ReadManifest(string directory, string name)
    {
        var path = Path.Combine(directory, ModelManifest.FileName(name));
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ModelRejectedException(name, ModelRejectionReason.ManifestMissing, $"no manifest at {path}.", ex);
        }

        try
        {
            var manifest = ModelManifest.Parse(text);
            return manifest.Name == name
                ? manifest
                : throw new ModelRejectedException(name, ModelRejectionReason.ManifestInvalid, $"{path} describes model '{manifest.Name}', not '{name}'.");
        }
        catch (JsonException ex)
        {
            throw new ModelRejectedException(name, ModelRejectionReason.ManifestInvalid, $"{path} is not a model manifest: {ex.Message}", ex);
        }
    }

    private static byte[] ReadVerifiedModel(string directory, string name, ModelManifest manifest)
    {
        var path = Path.Combine(directory, ModelManifest.ModelFileName(name));
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ModelRejectedException(name, ModelRejectionReason.ModelFileMissing, $"no model file at {path}.", ex);
        }

        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actual, manifest.OnnxSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelRejectedException(
                name,
                ModelRejectionReason.HashMismatch,
                $"{path} has SHA-256 {actual} but the manifest states {manifest.OnnxSha256}; the file is damaged or not the one trained.");
        }

        return bytes;
    }

    private static void CheckFeatures<T>(string name, ModelManifest manifest)
        where T : struct, IModelFeatures<T>
    {
        if (manifest.Features.SequenceEqual(T.Names, StringComparer.Ordinal))
        {
            return;
        }

        var first = Enumerable.Range(0, Math.Max(manifest.Features.Count, T.Names.Count))
            .First(i => i >= manifest.Features.Count || i >= T.Names.Count || manifest.Features[i] != T.Names[i]);
        var found = first < manifest.Features.Count ? $"'{manifest.Features[first]}'" : "nothing";
        var expected = first < T.Names.Count ? $"'{T.Names[first]}'" : "nothing";
        throw new ModelRejectedException(
            name,
            ModelRejectionReason.FeatureMismatch,
            $"the manifest lists [{string.Join(", ", manifest.Features)}] but the runtime feeds [{string.Join(", ", T.Names)}]: "
            + $"position {first} is {found}, expected {expected}.");
    }

    private static InferenceSession CreateSession(string name, byte[] bytes)
    {
        OrtTelemetry.EnsureDisabled();

        // One thread per session: tree ensembles score in microseconds and the gateway's cores belong to the agent.
        using var options = new SessionOptions
        {
            // ML.NET's export triggers a harmless shape warning at load; errors still surface.
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
        };
        try
        {
            return new InferenceSession(bytes, options);
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException)
        {
            throw new ModelRejectedException(name, ModelRejectionReason.LoadFailed, $"ONNX Runtime could not load the graph: {ex.Message}", ex);
        }
    }

    private static void CheckGraph(string name, ModelManifest manifest, InferenceSession session)
    {
        var inputs = session.InputMetadata;
        var expected = manifest.Features;
        var wrong = inputs.Keys.Except(expected, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var missing = expected.Except(inputs.Keys, StringComparer.Ordinal).ToList();
        if (wrong.Count > 0 || missing.Count > 0)
        {
            throw new ModelRejectedException(
                name,
                ModelRejectionReason.InputMismatch,
                $"the graph's inputs are [{string.Join(", ", inputs.Keys)}]; missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", wrong)}].");
        }

        foreach (var (input, meta) in inputs)
        {
            if (meta.ElementType != typeof(float) || meta.Dimensions is not [_, 1])
            {
                throw new ModelRejectedException(
                    name,
                    ModelRejectionReason.InputMismatch,
                    $"input '{input}' is {meta.ElementType.Name}[{string.Join(",", meta.Dimensions)}], expected Single[-1,1].");
            }
        }

        if (!session.OutputMetadata.TryGetValue(manifest.OutputName, out var output)
            || output.ElementType != typeof(float) || output.Dimensions is not [_, 1])
        {
            throw new ModelRejectedException(
                name,
                ModelRejectionReason.OutputMismatch,
                $"the manifest's output '{manifest.OutputName}' is not a float [n,1] output of the graph; it has [{string.Join(", ", session.OutputMetadata.Keys)}].");
        }
    }

    private static void CheckPredictions<T>(string name, OnnxScorer<T> scorer)
        where T : struct, IModelFeatures<T>
    {
        var check = scorer.Manifest.CheckSet;
        if (check.Count == 0)
        {
            throw new ModelRejectedException(name, ModelRejectionReason.ManifestInvalid, "the manifest has no check set, so the runtime cannot prove it scores like the trainer.");
        }

        var rows = new T[check.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            if (check[i].Features.Count != T.Names.Count)
            {
                throw new ModelRejectedException(name, ModelRejectionReason.ManifestInvalid, $"check row {i} has {check[i].Features.Count} values, expected {T.Names.Count}.");
            }

            rows[i] = T.From([.. check[i].Features]);
        }

        var predicted = new float[rows.Length];
        scorer.Score(rows, predicted);
        for (var i = 0; i < rows.Length; i++)
        {
            var expected = check[i].Expected;
            if (!(Math.Abs(predicted[i] - expected) <= AbsoluteTolerance + (RelativeTolerance * Math.Abs(expected))))
            {
                throw new ModelRejectedException(
                    name,
                    ModelRejectionReason.CheckSetMismatch,
                    $"check row {i} scores {predicted[i]} here but {expected} in training.");
            }
        }
    }
}
