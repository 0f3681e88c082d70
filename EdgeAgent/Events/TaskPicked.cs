using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A picker confirmed the full quantity of a task: the line is picked.</summary>
[FloorEventType("task.picked")]
public sealed record TaskPicked : FloorEvent
{
    public required string PickerId { get; init; }

    public required string TaskId { get; init; }

    public required string Sku { get; init; }

    public required string Location { get; init; }

    public int Quantity { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{PickerId} picked {Quantity} of {Sku} at {Location} ({TaskId})");
}
