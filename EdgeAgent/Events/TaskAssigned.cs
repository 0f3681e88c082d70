using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A task was handed to a picker, by the model's plan or the rule.</summary>
[FloorEventType("task.assigned")]
public sealed record TaskAssigned : FloorEvent
{
    public required string PickerId { get; init; }

    public required string TaskId { get; init; }

    public required DateTime DueAt { get; init; }

    public required string Method { get; init; }

    public long? DecisionSeq { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{TaskId} to {PickerId} by {Method}, due {DueAt:O}");
}
