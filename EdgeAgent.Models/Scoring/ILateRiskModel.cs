using EdgeAgent.Models.Features;

namespace EdgeAgent.Models.Scoring;

/// <summary>Predicts, per order, the probability of missing its ship cut-off, in one batch.</summary>
public interface ILateRiskModel
{
    ModelIdentity Identity { get; }

    /// <summary>Writes one probability in [0, 1] per row into <paramref name="probabilities"/>.</summary>
    void Predict(ReadOnlySpan<LateRiskFeatures> rows, Span<float> probabilities);
}
