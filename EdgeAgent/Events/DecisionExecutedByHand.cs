using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A person carried out a decision the agent could only recommend.</summary>
[FloorEventType("decision.executed-by-hand")]
public sealed record DecisionExecutedByHand : FloorEvent
{
    public required string Action { get; init; }

    public long DecisionSeq { get; init; }

    public required string Actor { get; init; }

    public long AuditSeq { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Action} decision {DecisionSeq} carried out by {Actor}");
}
