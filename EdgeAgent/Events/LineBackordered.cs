using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A governed shipment split: the order ships what was picked, and a short-picked line's missing quantity is backordered.</summary>
[FloorEventType("shipment.split")]
public sealed record LineBackordered : FloorEvent
{
    public required string OrderId { get; init; }

    public required string TaskId { get; init; }

    public required string Sku { get; init; }

    public int Backordered { get; init; }

    public long DecisionSeq { get; init; }

    public required string Actor { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{OrderId} ships without {Backordered} x {Sku} of {TaskId} (decision {DecisionSeq}, {Actor})");
}
