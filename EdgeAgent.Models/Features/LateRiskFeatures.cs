namespace EdgeAgent.Models.Features;

/// <summary>
/// What the late-risk model sees of one order's open work against its ship cut-off. The order of
/// <see cref="Names"/> is the model's input order and is checked against the manifest at load.
/// </summary>
public readonly record struct LateRiskFeatures(
    float SlackMinutes,
    float OpenLines,
    float RemainingWorkMinutes,
    float BacklogMinutesPerPicker,
    float Priority)
{
    public static IReadOnlyList<string> Names { get; } =
        [nameof(SlackMinutes), nameof(OpenLines), nameof(RemainingWorkMinutes), nameof(BacklogMinutesPerPicker), nameof(Priority)];
}
