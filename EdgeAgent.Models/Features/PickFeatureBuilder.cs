using EdgeAgent.Models.Layout;

namespace EdgeAgent.Models.Features;

/// <summary>
/// Turns a picker's position and a task's facts into <see cref="PickFeatures"/>: the one computation
/// the training tool, the runtime and the rebalancer share, so the model sees in service what it saw in training.
/// </summary>
public sealed class PickFeatureBuilder
{
    private readonly WarehouseLayout _layout;

    public PickFeatureBuilder(WarehouseLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _layout = layout;
    }

    /// <summary>
    /// The features of one (picker, task) pair, or null when the task's location is not a slot. A picker
    /// whose location is unknown or not a slot (just logged in, at a dock) is taken to stand at the depot.
    /// </summary>
    public PickFeatures? Build(
        string? pickerLocation,
        string taskLocation,
        int quantity,
        HandlingClass handling,
        double pickerPace,
        double zoneCongestion)
    {
        if (_layout.Locate(taskLocation) is not { } task)
        {
            return null;
        }

        var from = _layout.Locate(pickerLocation) ?? WarehouseLayout.Depot;
        return Build(from, task, quantity, handling, pickerPace, zoneCongestion);
    }

    /// <summary>The features of one (picker, task) pair from slots already located.</summary>
    public PickFeatures Build(
        BinLocation picker,
        BinLocation task,
        int quantity,
        HandlingClass handling,
        double pickerPace,
        double zoneCongestion) => new(
            TravelMetres: (float)_layout.Distance(picker, task),
            AisleChanges: Math.Abs(task.Aisle - picker.Aisle),
            Quantity: quantity,
            HandlingClass: (float)handling,
            Level: task.Level,
            PickerPace: (float)pickerPace,
            ZoneCongestion: (float)Math.Clamp(zoneCongestion, 0, 1));
}
