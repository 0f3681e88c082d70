using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>Governance decided a proposed action: executed, waiting for approval, or recommended only. Built from the decision's audit record.</summary>
[FloorEventType("decision.recorded")]
public sealed record DecisionRecorded : FloorEvent
{
    public required string Action { get; init; }

    public required DecisionVerdict Verdict { get; init; }

    public string? Method { get; init; }

    public string? MethodVersion { get; init; }

    public double? Confidence { get; init; }

    public double? Threshold { get; init; }

    public bool LowConfidence { get; init; }

    public bool Fallback { get; init; }

    public string? Right { get; init; }

    public string? Zone { get; init; }

    public bool Paused { get; init; }

    public string? TaskId { get; init; }

    public long AuditSeq { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Action}: {Verdict} by {Method ?? "rule"} (audit {AuditSeq})");
}
