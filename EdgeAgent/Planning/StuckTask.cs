using EdgeAgent.Fulfilment;

namespace EdgeAgent.Planning;

/// <summary>A task in a picker's hands that should move: why, where to, the late risk and the expected gain.</summary>
internal sealed record StuckTask
{
    public required PickTask Task { get; init; }

    public required PickerSession Holder { get; init; }

    /// <summary><c>picker-absent</c>, <c>picker-left-zone</c> or <c>picker-behind</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>True for the holder's next task, the one a person decided for them while they were busy; false for their current one.</summary>
    public bool Next { get; init; }

    /// <summary>For <c>picker-left-zone</c>: the zone the holder's handheld reports now.</summary>
    public string? Zone { get; init; }

    /// <summary>The idle picker to take it, or null: back to the pool for the next free picker.</summary>
    public PickerSession? To { get; init; }

    /// <summary>The holder's projected remaining time over the time left to the cut-off, 0..1.</summary>
    public required double LateRisk { get; init; }

    /// <summary>Seconds sooner the task is expected done after the move; null when nobody is free to compare with.</summary>
    public double? ExpectedGainSeconds { get; init; }

    public required double HolderSeconds { get; init; }

    public double? MoverSeconds { get; init; }

    public required double ElapsedSeconds { get; init; }

    public required double Confidence { get; init; }
}
