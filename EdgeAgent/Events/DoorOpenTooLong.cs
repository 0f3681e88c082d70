using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A dock door stayed open past its limit.</summary>
[FloorEventType("door.open-too-long")]
public sealed record DoorOpenTooLong : FloorEvent
{
    public required DateTime OpenSince { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"door {DeviceId} open since {OpenSince:O}");
}
