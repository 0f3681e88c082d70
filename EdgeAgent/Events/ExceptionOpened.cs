using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>An exception case reached its threshold and was routed to its team's queue.</summary>
[FloorEventType("exception.opened")]
public sealed record ExceptionOpened : FloorEvent
{
    public long CaseId { get; init; }

    public required string ExceptionType { get; init; }

    public required string Subject { get; init; }

    public required string Severity { get; init; }

    public required string Team { get; init; }

    public DateTime? DueAt { get; init; }

    public string? TaskId { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{ExceptionType} {Subject} opened for {Team}");
}
