using EdgeAgent.Models.Features;
using EdgeAgent.Models.Scoring;

namespace EdgeAgent.Bench.Rebalance;

/// <summary>The tests' deterministic late-risk formula: logistic in (work + backlog − slack), nudged by priority.</summary>
internal sealed class StandInRiskModel(double microsPerBatch, double microsPerRow) : ILateRiskModel
{
    public ModelIdentity Identity { get; } = new("stand-in-risk", "1", "none");

    public void Predict(ReadOnlySpan<LateRiskFeatures> rows, Span<float> probabilities)
    {
        SimulatedCost.Spend(microsPerBatch, microsPerRow, rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            var f = rows[i];
            var z = ((f.RemainingWorkMinutes + f.BacklogMinutesPerPicker - f.SlackMinutes) / 15f) + ((3 - f.Priority) * 0.2f);
            probabilities[i] = 1f / (1f + MathF.Exp(-z));
        }
    }
}
