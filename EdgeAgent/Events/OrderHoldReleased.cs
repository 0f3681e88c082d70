using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A person lifted an order's hold.</summary>
[FloorEventType("order.hold-released")]
public sealed record OrderHoldReleased : FloorEvent
{
    public required string OrderId { get; init; }

    public required string Actor { get; init; }

    public long AuditSeq { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"order {OrderId} released by {Actor}");
}
