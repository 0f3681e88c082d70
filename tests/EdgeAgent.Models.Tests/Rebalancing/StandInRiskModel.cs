using EdgeAgent.Models.Features;
using EdgeAgent.Models.Scoring;

namespace EdgeAgent.Models.Tests.Rebalancing;

/// <summary>A deterministic late-risk model: logistic in (work + the backlog an order waits behind − slack); urgent orders jump part of it.</summary>
internal sealed class StandInRiskModel : ILateRiskModel
{
    public ModelIdentity Identity { get; } = new("stand-in-risk", "1", "none");

    public int RowsScored { get; private set; }

    public void Predict(ReadOnlySpan<LateRiskFeatures> rows, Span<float> probabilities)
    {
        RowsScored += rows.Length;
        for (var i = 0; i < rows.Length; i++)
        {
            var f = rows[i];
            var z = (f.RemainingWorkMinutes + (f.BacklogMinutesPerPicker * (1 - (0.22f * f.Priority))) - f.SlackMinutes) / 15f;
            probabilities[i] = 1f / (1f + MathF.Exp(-z));
        }
    }
}
