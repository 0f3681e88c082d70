using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A governed divert sent a carton to a lane of the sorter: its carrier's, or the reject lane with the reason.</summary>
[FloorEventType("carton.diverted")]
public sealed record CartonDiverted : FloorEvent
{
    public string? Sscc { get; init; }

    public required string Lane { get; init; }

    /// <summary><c>sorted</c>, or why it was rejected: <c>no-read</c>, <c>unknown-carton</c>, <c>wrong-lane</c>, <c>label-mismatch</c>, <c>weight-mismatch</c>, <c>awaiting-decision</c>.</summary>
    public required string Reason { get; init; }

    public long DecisionSeq { get; init; }

    public required string Actor { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"carton {Sscc ?? "(no read)"} to {Lane}: {Reason} (decision {DecisionSeq}, {Actor})");
}
