using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A picker reported damaged items at the task's location.</summary>
[FloorEventType("item.damaged")]
public sealed record ItemDamaged : FloorEvent
{
    public required string PickerId { get; init; }

    public required string TaskId { get; init; }

    public required string Sku { get; init; }

    public required string Location { get; init; }

    public int Quantity { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{PickerId} reported {Quantity} of {Sku} at {Location} damaged ({TaskId})");
}
