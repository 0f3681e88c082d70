using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A person approved, rejected or edited a decision waiting for them, or its time ran out.</summary>
[FloorEventType("approval.decided")]
public sealed record ApprovalDecided : FloorEvent
{
    public required string Action { get; init; }

    public required ApprovalOutcome Outcome { get; init; }

    public long DecisionSeq { get; init; }

    public required string Actor { get; init; }

    public bool LowConfidence { get; init; }

    public string? Right { get; init; }

    public string? Zone { get; init; }

    public long AuditSeq { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Action} decision {DecisionSeq} {Outcome} by {Actor}");
}
