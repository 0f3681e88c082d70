using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A supervisor reopened an aisle or a zone.</summary>
[FloorEventType("floor.unblocked")]
public sealed record FloorUnblocked : FloorEvent
{
    public required BlockedArea Area { get; init; }

    public required string Name { get; init; }

    public required string Actor { get; init; }

    public string? Reason { get; init; }

    public long AuditSeq { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Area} {Name} reopened by {Actor}");
}
