using EdgeAgent.Models.Features;
using EdgeAgent.Models.Manifest;
using EdgeAgent.Models.Scoring;

namespace EdgeAgent.Models.Onnx;

/// <summary>
/// The shipped late-risk model on ONNX Runtime. Thread-safe: concurrent calls take turns on one
/// session and one set of buffers; give each scoring thread its own instance to score in parallel.
/// </summary>
public sealed class OnnxLateRiskModel : ILateRiskModel, IDisposable
{
    private readonly OnnxScorer<LateRiskFeatures> _scorer;

    private OnnxLateRiskModel(OnnxScorer<LateRiskFeatures> scorer)
    {
        _scorer = scorer;
        Identity = new ModelIdentity(scorer.Manifest.Name, scorer.Manifest.Version, scorer.Manifest.OnnxSha256);
    }

    public ModelIdentity Identity { get; }

    public ModelManifest Manifest => _scorer.Manifest;

    /// <summary>Rows a batch may have before the buffers grow.</summary>
    internal int Capacity => _scorer.Capacity;

    /// <summary>Loads and verifies <c>late-risk.onnx</c> from <paramref name="directory"/>; throws <see cref="ModelRejectedException"/> saying what is wrong.</summary>
    public static OnnxLateRiskModel Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return new OnnxLateRiskModel(OnnxModelLoader.Load<LateRiskFeatures>(directory, ModelNames.LateRisk));
    }

    public void Predict(ReadOnlySpan<LateRiskFeatures> rows, Span<float> probabilities)
    {
        _scorer.Score(rows, probabilities);
        // The calibrator's output is a probability already; clamping only guards float rounding at the ends.
        foreach (ref var p in probabilities)
        {
            p = Math.Clamp(p, 0f, 1f);
        }
    }

    public void Dispose() => _scorer.Dispose();
}
