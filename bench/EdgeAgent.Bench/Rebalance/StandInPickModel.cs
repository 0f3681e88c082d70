using EdgeAgent.Models.Features;
using EdgeAgent.Models.Scoring;

namespace EdgeAgent.Bench.Rebalance;

/// <summary>The tests' deterministic pick-duration formula (walk 1.2 m/s, 8 s a line, 6 s a unit × handling, × pace).</summary>
internal sealed class StandInPickModel(double microsPerBatch, double microsPerRow) : IPickDurationModel
{
    public ModelIdentity Identity { get; } = new("stand-in-pick", "1", "none");

    public void Predict(ReadOnlySpan<PickFeatures> rows, Span<float> seconds)
    {
        SimulatedCost.Spend(microsPerBatch, microsPerRow, rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            var f = rows[i];
            var handling = f.HandlingClass switch { 0 => 0.8f, 2 => 1.8f, 3 => 1.4f, _ => 1f };
            seconds[i] = ((f.TravelMetres / 1.2f) + (3 * f.AisleChanges) + 8 + (6 * f.Quantity * handling) + (2 * f.ZoneCongestion)) * f.PickerPace;
        }
    }
}
