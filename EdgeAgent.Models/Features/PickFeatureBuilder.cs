using EdgeAgent.Models.Layout;

namespace EdgeAgent.Models.Features;

/// <summary>
/// Turns a picker's position and a task's facts into <see cref="PickFeatures"/>: the one computation
/// the training tool, the runtime and the rebalancer share, so the model sees in service what it saw in training.
/// </summary>
public sealed class PickFeatureBuilder
{
    /// <summary>Pickers standing in one aisle at which it counts as fully congested (feature value 1).</summary>
    public const int PickersThatFillAnAisle = 4;

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
        double pickerSpeed,
        double zoneCongestion)
    {
        if (_layout.Locate(taskLocation) is not { } task)
        {
            return null;
        }

        var from = _layout.Locate(pickerLocation) ?? WarehouseLayout.Depot;
        return Build(from, task, quantity, handling, pickerSpeed, zoneCongestion);
    }

    /// <summary>
    /// The model's pace feature is a speed (1.2 = 20 % faster than standard, as in training); the floor
    /// measures pace as a time multiplier (1.2 = 20 % slower). This turns the one into the other.
    /// </summary>
    public static double SpeedOf(double timeMultiplier) => timeMultiplier > 0 ? 1 / timeMultiplier : 1;

    /// <summary>The congestion feature (0 = an empty aisle, 1 = a full one) from the pickers standing in the aisle.</summary>
    public static double CongestionOf(int pickersInAisle) => Math.Clamp(pickersInAisle / (double)PickersThatFillAnAisle, 0, 1);

    /// <summary>The features of one (picker, task) pair from slots already located.</summary>
    public PickFeatures Build(
        BinLocation picker,
        BinLocation task,
        int quantity,
        HandlingClass handling,
        double pickerSpeed,
        double zoneCongestion) => Build(_layout, picker, task, quantity, handling, pickerSpeed, zoneCongestion);

    /// <summary>The same row without a builder instance, for hot paths that score thousands of pairs.</summary>
    public static PickFeatures Build(
        WarehouseLayout layout,
        BinLocation picker,
        BinLocation task,
        int quantity,
        HandlingClass handling,
        double pickerSpeed,
        double zoneCongestion) => new(
            TravelMetres: (float)layout.Distance(picker, task),
            AisleChanges: Math.Abs(task.Aisle - picker.Aisle),
            Quantity: quantity,
            HandlingClass: (float)handling,
            Level: task.Level,
            PickerPace: (float)pickerSpeed,
            ZoneCongestion: (float)Math.Clamp(zoneCongestion, 0, 1));
}
