namespace EdgeAgent.Models.Features;

/// <summary>
/// What the late-risk model sees of one order's open work against its ship cut-off. The order of
/// <see cref="Names"/> is the model's input order and is checked against the manifest at load.
/// <see cref="Priority"/> is on the model's urgency scale, 0 (standard) to 3 (most urgent), as in training;
/// the floor's priorities (1 most urgent to 5) map onto it through <see cref="UrgencyOf"/>.
/// </summary>
public readonly record struct LateRiskFeatures(
    float SlackMinutes,
    float OpenLines,
    float RemainingWorkMinutes,
    float BacklogMinutesPerPicker,
    float Priority) : IModelFeatures<LateRiskFeatures>
{
    public static IReadOnlyList<string> Names { get; } =
        [nameof(SlackMinutes), nameof(OpenLines), nameof(RemainingWorkMinutes), nameof(BacklogMinutesPerPicker), nameof(Priority)];

    /// <summary>The model's urgency (3 most urgent … 0 standard) of a floor priority (1 most urgent … 5).</summary>
    public static float UrgencyOf(int floorPriority) => Math.Clamp(4 - floorPriority, 0, 3);

    /// <summary>Writes the values in <see cref="Names"/> order.</summary>
    public void CopyTo(Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, 5, nameof(destination));
        destination[0] = SlackMinutes;
        destination[1] = OpenLines;
        destination[2] = RemainingWorkMinutes;
        destination[3] = BacklogMinutesPerPicker;
        destination[4] = Priority;
    }

    /// <summary>Reads values in <see cref="Names"/> order (a manifest's check row, a stored sample).</summary>
    public static LateRiskFeatures From(ReadOnlySpan<float> values)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(values.Length, 5, nameof(values));
        return new(values[0], values[1], values[2], values[3], values[4]);
    }
}
