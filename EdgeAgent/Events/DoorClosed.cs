using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A dock door that had stayed open too long closed again: its door-open exception clears.</summary>
[FloorEventType("door.closed")]
public sealed record DoorClosed : FloorEvent
{
    public double OpenSeconds { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"door {DeviceId} closed after {OpenSeconds:0} s open");
}
