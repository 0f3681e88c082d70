using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A supervisor re-enabled the models after a drift alarm.</summary>
[FloorEventType("planning.reenabled")]
public sealed record PlanningReenabled : FloorEvent
{
    public required string Actor { get; init; }

    public string? Reason { get; init; }

    public long AuditSeq { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"models re-enabled by {Actor}");
}
