namespace EdgeAgent.Simulators.Floor;

/// <summary>One pick as the floor saw it: where the picker stood, what they picked, and how long it really took.</summary>
public sealed record PickSample
{
    /// <summary>The slot the picker walked from, e.g. <c>B-12-1</c>.</summary>
    public required string PickerLocation { get; init; }

    /// <summary>The slot of the task, e.g. <c>E-31-3</c>; its last part is the level.</summary>
    public required string TaskLocation { get; init; }

    public required int Quantity { get; init; }

    public required ItemHandling Handling { get; init; }

    public required int Level { get; init; }

    /// <summary>The picker's own speed relative to an average picker (1.2 is 20% faster).</summary>
    public required double PickerPace { get; init; }

    /// <summary>How busy the task's aisle was, 0 (empty) to 1 (jammed).</summary>
    public required double ZoneCongestion { get; init; }

    /// <summary>Seconds from leaving the previous slot to confirming the quantity.</summary>
    public required double ActualSeconds { get; init; }
}
