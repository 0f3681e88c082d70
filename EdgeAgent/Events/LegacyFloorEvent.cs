using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>An event recorded before floor events were typed, read back with its original type name and text; never parsed.</summary>
[FloorEventType("legacy")]
public sealed record LegacyFloorEvent : FloorEvent
{
    public required string OriginalType { get; init; }

    public required string Detail { get; init; }

    public string? PickerId { get; init; }

    public string? TaskId { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{OriginalType}: {Detail}");
}
