using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A picker scanned the right location for the task in hand.</summary>
[FloorEventType("scan.location")]
public sealed record LocationScanned : FloorEvent
{
    public required string PickerId { get; init; }

    public required string TaskId { get; init; }

    public required string Code { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{PickerId} at {Code} for {TaskId}");
}
