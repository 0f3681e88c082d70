namespace EdgeAgent.Models.Training;

/// <summary>One training row of the late-risk model; column names are <c>LateRiskFeatures.Names</c> plus the label.</summary>
internal sealed class LateRiskRow
{
    public float SlackMinutes { get; set; }

    public float OpenLines { get; set; }

    public float RemainingWorkMinutes { get; set; }

    public float BacklogMinutesPerPicker { get; set; }

    public float Priority { get; set; }

    /// <summary>True when the order missed its cut-off.</summary>
    public bool Label { get; set; }
}
