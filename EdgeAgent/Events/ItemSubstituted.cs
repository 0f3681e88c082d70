using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A governed substitution added a line of an alternative SKU the ERP allowed for a short-picked one.</summary>
[FloorEventType("item.substituted")]
public sealed record ItemSubstituted : FloorEvent
{
    public required string OrderId { get; init; }

    public required string TaskId { get; init; }

    public required string Sku { get; init; }

    public required string SubstituteTaskId { get; init; }

    public required string SubstituteSku { get; init; }

    public int Quantity { get; init; }

    public long DecisionSeq { get; init; }

    public required string Actor { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Quantity} x {SubstituteSku} in place of {Sku} for {OrderId} ({SubstituteTaskId}, decision {DecisionSeq}, {Actor})");
}
