using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A person overrode a decision the agent had carried out.</summary>
[FloorEventType("decision.overridden")]
public sealed record DecisionOverridden : FloorEvent
{
    public required string Action { get; init; }

    public long DecisionSeq { get; init; }

    public required string Actor { get; init; }

    public long AuditSeq { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Action} decision {DecisionSeq} overridden by {Actor}");
}
