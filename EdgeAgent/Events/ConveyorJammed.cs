using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A photo-eye stayed blocked past the jam limit.</summary>
[FloorEventType("conveyor.jam")]
public sealed record ConveyorJammed : FloorEvent
{
    public required DateTime BlockedSince { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"jam at {DeviceId} since {BlockedSince:O}");
}
