using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A person acknowledged an exception case.</summary>
[FloorEventType("exception.acknowledged")]
public sealed record ExceptionAcknowledged : FloorEvent
{
    public long CaseId { get; init; }

    public required string ExceptionType { get; init; }

    public required string Team { get; init; }

    public required string Queue { get; init; }

    public required string By { get; init; }

    public string? TaskId { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{ExceptionType} case {CaseId} acknowledged by {By}");
}
