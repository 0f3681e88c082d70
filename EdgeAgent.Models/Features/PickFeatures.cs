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
    float ZoneCongestion) : IModelFeatures<PickFeatures>
{
    public static IReadOnlyList<string> Names { get; } =
        [nameof(TravelMetres), nameof(AisleChanges), nameof(Quantity), nameof(HandlingClass), nameof(Level), nameof(PickerPace), nameof(ZoneCongestion)];

    /// <summary>Writes the values in <see cref="Names"/> order.</summary>
    public void CopyTo(Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, 7, nameof(destination));
        destination[0] = TravelMetres;
        destination[1] = AisleChanges;
        destination[2] = Quantity;
        destination[3] = HandlingClass;
        destination[4] = Level;
        destination[5] = PickerPace;
        destination[6] = ZoneCongestion;
    }

    /// <summary>Reads values in <see cref="Names"/> order (a manifest's check row, a stored sample).</summary>
    public static PickFeatures From(ReadOnlySpan<float> values)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(values.Length, 7, nameof(values));
        return new(values[0], values[1], values[2], values[3], values[4], values[5], values[6]);
    }
}
