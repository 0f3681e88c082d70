using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A governed hold took an order's open tasks away from pickers.</summary>
[FloorEventType("order.held")]
public sealed record OrderHeld : FloorEvent
{
    public required string OrderId { get; init; }

    public int OpenTasks { get; init; }

    public long DecisionSeq { get; init; }

    public required string Actor { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"order {OrderId} on hold; {OpenTasks} open task(s) withheld (decision {DecisionSeq})");
}
