using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A supervisor closed an aisle or a zone to pickers.</summary>
[FloorEventType("floor.blocked")]
public sealed record FloorBlocked : FloorEvent
{
    public required BlockedArea Area { get; init; }

    public required string Name { get; init; }

    public required string Actor { get; init; }

    public string? Reason { get; init; }

    public long AuditSeq { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Area} {Name} closed by {Actor}");
}
