using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>An exception case closed with a resolution code, by a person or because its fault cleared.</summary>
[FloorEventType("exception.resolved")]
public sealed record ExceptionResolved : FloorEvent
{
    public long CaseId { get; init; }

    public required string ExceptionType { get; init; }

    public required string Team { get; init; }

    public required string Code { get; init; }

    public string? By { get; init; }

    public int Level { get; init; }

    public int Occurrences { get; init; }

    public double ResolutionSeconds { get; init; }

    public string? TaskId { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{ExceptionType} case {CaseId} resolved {Code}{(By is null ? "" : " by " + By)}");
}
