namespace EdgeAgent.Models.Rebalancing;

/// <summary>What is out of use on the floor right now; tasks there and pickers listed here are not planned.</summary>
public sealed record Disruptions
{
    public static Disruptions None { get; } = new();

    /// <summary>Aisle letters (<c>"C"</c>) nobody may enter.</summary>
    public IReadOnlySet<string> BlockedAisles { get; init; } = PickerState.EmptySet;

    public IReadOnlySet<string> BlockedZones { get; init; } = PickerState.EmptySet;

    public IReadOnlySet<string> AbsentPickers { get; init; } = PickerState.EmptySet;
}
