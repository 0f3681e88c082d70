using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A picker found less than the task asks for: the line is short-picked.</summary>
[FloorEventType("task.short")]
public sealed record TaskShortPicked : FloorEvent
{
    public required string PickerId { get; init; }

    public required string TaskId { get; init; }

    public required string Sku { get; init; }

    public required string Location { get; init; }

    public int Found { get; init; }

    public int Ordered { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{PickerId} found {Found} of {Ordered} {Sku} at {Location} ({TaskId})");
}
