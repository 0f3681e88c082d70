using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>Central released an order; its lines arrive as task releases.</summary>
[FloorEventType("order.released")]
public sealed record OrderReleaseNoted : FloorEvent
{
    public required string CommandId { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"order release {CommandId} noted");
}
