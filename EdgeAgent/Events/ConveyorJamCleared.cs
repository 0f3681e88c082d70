using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A jammed photo-eye cleared.</summary>
[FloorEventType("conveyor.jam-cleared")]
public sealed record ConveyorJamCleared : FloorEvent
{
    public double BlockedSeconds { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"jam at {DeviceId} cleared after {BlockedSeconds:0.#} s");
}
