using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A person put a model's previous version back in charge.</summary>
[FloorEventType("model.rolled-back")]
public sealed record ModelRolledBack : FloorEvent
{
    public required string ModelName { get; init; }

    public required string FromVersion { get; init; }

    public required string ToVersion { get; init; }

    public required string Actor { get; init; }

    public string? Reason { get; init; }

    public long AuditSeq { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"model {ModelName} rolled back from {FromVersion} to {ToVersion} by {Actor}");
}
