using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>An exception case's SLA ran out and it moved up its escalation chain.</summary>
[FloorEventType("exception.escalated")]
public sealed record ExceptionEscalated : FloorEvent
{
    public long CaseId { get; init; }

    public required string ExceptionType { get; init; }

    public int Level { get; init; }

    public required string From { get; init; }

    public required string To { get; init; }

    public DateTime? DueAt { get; init; }

    public long DecisionSeq { get; init; }

    public string? TaskId { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{ExceptionType} case {CaseId} escalated from {From} to {To} (level {Level})");
}
