using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A governed reassignment moved a task between pickers or back to the pool.</summary>
[FloorEventType("task.reassigned")]
public sealed record TaskReassigned : FloorEvent
{
    public required string TaskId { get; init; }

    public string? FromPickerId { get; init; }

    public string? ToPickerId { get; init; }

    public long DecisionSeq { get; init; }

    public required string Actor { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{TaskId} moved from {FromPickerId ?? "the pool"} to {ToPickerId ?? "the pool"} (decision {DecisionSeq}, {Actor})");
}
