using EdgeAgent.Models.Features;
using EdgeAgent.Models.Scoring;

namespace EdgeAgent.Models.Tests.Rebalancing;

/// <summary>A deterministic pick-duration model: walk at 1.2 m/s, 8 s a line, 6 s a unit × handling, × pace.</summary>
internal class StandInPickModel : IPickDurationModel
{
    public ModelIdentity Identity { get; } = new("stand-in-pick", "1", "none");

    public int RowsScored { get; private set; }

    public virtual void Predict(ReadOnlySpan<PickFeatures> rows, Span<float> seconds)
    {
        RowsScored += rows.Length;
        for (var i = 0; i < rows.Length; i++)
        {
            seconds[i] = Seconds(rows[i]);
        }
    }

    public static float Seconds(in PickFeatures f)
    {
        var handling = f.HandlingClass switch { 0 => 0.8f, 2 => 1.8f, 3 => 1.4f, _ => 1f };
        return ((f.TravelMetres / 1.2f) + (3 * f.AisleChanges) + 8 + (6 * f.Quantity * handling) + (2 * f.ZoneCongestion)) * f.PickerPace;
    }
}
