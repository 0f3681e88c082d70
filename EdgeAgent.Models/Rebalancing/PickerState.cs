namespace EdgeAgent.Models.Rebalancing;

/// <summary>One picker as the rebalancer sees it at the moment of a rebalance.</summary>
public sealed record PickerState
{
    public required string Id { get; init; }

    /// <summary>Where the picker will be when free: its current task's slot if busy; null means the depot.</summary>
    public string? Position { get; init; }

    /// <summary>Zones the picker may work in; empty means all.</summary>
    public IReadOnlySet<string> AllowedZones { get; init; } = EmptySet;

    public IReadOnlySet<string> Skills { get; init; } = EmptySet;

    /// <summary>The task in hand (not among the open tasks), or null when idle.</summary>
    public string? CurrentTaskId { get; init; }

    /// <summary>Predicted seconds until the task in hand is done; 0 when idle.</summary>
    public double RemainingSeconds { get; init; }

    /// <summary>Multiplier on standard time: 1 is standard, 1.2 is 20 % slower.</summary>
    public double Pace { get; init; } = 1.0;

    public bool Available { get; init; } = true;

    /// <summary>How many tasks ahead to plan for this picker; null takes <see cref="RebalancerOptions.Horizon"/>.</summary>
    public int? Horizon { get; init; }

    internal static IReadOnlySet<string> EmptySet { get; } = new HashSet<string>(StringComparer.Ordinal);
}
