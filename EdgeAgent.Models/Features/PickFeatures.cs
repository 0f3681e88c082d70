namespace EdgeAgent.Models.Features;

/// <summary>
/// What the pick-duration model sees of one (picker, task) pair. The order of <see cref="Names"/>
/// is the model's input order and is checked against the manifest at load.
/// </summary>
public readonly record struct PickFeatures(
    float TravelMetres,
    float AisleChanges,
    float Quantity,
    float HandlingClass,
    float Level,
    float PickerPace,
    float ZoneCongestion)
{
    public static IReadOnlyList<string> Names { get; } =
        [nameof(TravelMetres), nameof(AisleChanges), nameof(Quantity), nameof(HandlingClass), nameof(Level), nameof(PickerPace), nameof(ZoneCongestion)];
}
