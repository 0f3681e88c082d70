using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>Central changed an order's priority (and perhaps its cut-off) on its unfinished lines.</summary>
[FloorEventType("order.priority-changed")]
public sealed record OrderPriorityChanged : FloorEvent
{
    public required string CommandId { get; init; }

    public required string OrderId { get; init; }

    public int Priority { get; init; }

    public DateTime? DueAt { get; init; }

    public int Lines { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"order {OrderId}: priority {Priority} on {Lines} unfinished line(s)");
}
