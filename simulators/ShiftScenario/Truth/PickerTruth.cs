namespace EdgeAgent.ShiftScenario.Truth;

/// <summary>One picker as the floor knows them: their real pace, where they may work, when they rest or leave.</summary>
public sealed record PickerTruth
{
    public required string Id { get; init; }

    public required string DeviceId { get; init; }

    /// <summary>Real speed relative to the training floor's average picker; the agent never sees it.</summary>
    public required double Pace { get; init; }

    /// <summary>Aisles the picker may work; empty means all.</summary>
    public required IReadOnlyList<string> Zones { get; init; }

    public required IReadOnlyList<string> Skills { get; init; }

    /// <summary>Breaks as offsets from shift start.</summary>
    public required IReadOnlyList<(TimeSpan Start, TimeSpan End)> Breaks { get; init; }

    /// <summary>When the picker goes home mid-shift, if they do.</summary>
    public TimeSpan? LeavesAt { get; init; }
}
