using EdgeAgent.Models.Features;
using EdgeAgent.Models.Manifest;
using EdgeAgent.Models.Scoring;

namespace EdgeAgent.Models.Onnx;

/// <summary>
/// The shipped pick-duration model on ONNX Runtime. Thread-safe: concurrent calls take turns on one
/// session and one set of buffers; give each scoring thread its own instance to score in parallel.
/// </summary>
public sealed class OnnxPickDurationModel : IPickDurationModel, IDisposable
{
    private readonly OnnxScorer<PickFeatures> _scorer;

    private OnnxPickDurationModel(OnnxScorer<PickFeatures> scorer)
    {
        _scorer = scorer;
        Identity = new ModelIdentity(scorer.Manifest.Name, scorer.Manifest.Version, scorer.Manifest.OnnxSha256);
    }

    public ModelIdentity Identity { get; }

    public ModelManifest Manifest => _scorer.Manifest;

    /// <summary>Rows a batch may have before the buffers grow.</summary>
    internal int Capacity => _scorer.Capacity;

    /// <summary>Loads and verifies <c>pick-duration.onnx</c> from <paramref name="directory"/>; throws <see cref="ModelRejectedException"/> saying what is wrong.</summary>
    public static OnnxPickDurationModel Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return new OnnxPickDurationModel(OnnxModelLoader.Load<PickFeatures>(directory, ModelNames.PickDuration));
    }

    public void Predict(ReadOnlySpan<PickFeatures> rows, Span<float> seconds) => _scorer.Score(rows, seconds);

    public void Dispose() => _scorer.Dispose();
}
