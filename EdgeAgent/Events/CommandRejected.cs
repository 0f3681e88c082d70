using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>Central sent a command the agent cannot apply; recorded instead of blocking the downlink.</summary>
[FloorEventType("command.rejected")]
public sealed record CommandRejected : FloorEvent
{
    public required string CommandId { get; init; }

    public required string Kind { get; init; }

    public required string Reason { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Kind} {CommandId} rejected: {Reason}");
}
