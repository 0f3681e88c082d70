using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A picker scanned the right item for the task in hand.</summary>
[FloorEventType("scan.item")]
public sealed record ItemScanned : FloorEvent
{
    public required string PickerId { get; init; }

    public required string TaskId { get; init; }

    public required string Code { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{PickerId} scanned {Code} for {TaskId}");
}
