using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A decided action type that no part of this agent carries out yet was handed on with its outcome document.</summary>
[FloorEventType("governance.handoff")]
public sealed record DecisionHandedOff : FloorEvent
{
    public required string Action { get; init; }

    public long DecisionSeq { get; init; }

    public required string Actor { get; init; }

    public required string OutcomeJson { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Action} decision {DecisionSeq} handed off");
}
