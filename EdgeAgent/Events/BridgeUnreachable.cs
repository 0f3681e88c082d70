using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>The link to central is down, or acknowledgements are overdue.</summary>
[FloorEventType("bridge.unreachable")]
public sealed record BridgeUnreachable : FloorEvent
{
    public required string Reason { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"bridge: {Reason}");
}
