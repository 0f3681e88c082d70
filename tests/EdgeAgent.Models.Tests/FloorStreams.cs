using EdgeAgent.Models.Features;
using EdgeAgent.Models.Layout;
using EdgeAgent.Simulators.Floor;

namespace EdgeAgent.Models.Tests;

/// <summary>Floor-truth samples featured the way the agent features them, for tests that score real-looking streams.</summary>
internal static class FloorStreams
{
    private static readonly PickFeatureBuilder Builder = new(new WarehouseLayout());

    public static (PickFeatures[] Features, double[] ActualSeconds) Picks(FloorTruthOptions options, int count)
    {
        var picks = new FloorTruth(options).Picks(count);
        var features = picks.Select(p => Builder.Build(
            p.PickerLocation, p.TaskLocation, p.Quantity, (HandlingClass)(int)p.Handling, p.PickerPace, p.ZoneCongestion)!.Value).ToArray();
        return (features, picks.Select(p => p.ActualSeconds).ToArray());
    }

    public static (LateRiskFeatures[] Features, bool[] Late) Orders(FloorTruthOptions options, int count)
    {
        var orders = new FloorTruth(options).Orders(count);
        var features = orders.Select(o => new LateRiskFeatures(
            (float)o.SlackMinutes, o.OpenLines, (float)o.RemainingWorkMinutes, (float)o.BacklogMinutesPerPicker, o.Priority)).ToArray();
        return (features, orders.Select(o => o.Late).ToArray());
    }
}
