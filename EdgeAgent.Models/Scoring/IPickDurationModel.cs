using EdgeAgent.Models.Features;

namespace EdgeAgent.Models.Scoring;

/// <summary>Predicts how many seconds each (picker, task) pair takes, travel included, in one batch.</summary>
public interface IPickDurationModel
{
    ModelIdentity Identity { get; }

    /// <summary>Writes one prediction per row into <paramref name="seconds"/> (same length as <paramref name="rows"/>).</summary>
    void Predict(ReadOnlySpan<PickFeatures> rows, Span<float> seconds);
}
