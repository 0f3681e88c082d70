using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>Central sent a command this agent does not apply (yet); it is acknowledged, not retried.</summary>
[FloorEventType("command.not-applied")]
public sealed record CommandNotApplied : FloorEvent
{
    public required string CommandId { get; init; }

    public required string Kind { get; init; }

    public required string Reason { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Kind} {CommandId} not applied: {Reason}");
}
