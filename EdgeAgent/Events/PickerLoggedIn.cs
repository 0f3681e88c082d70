using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A picker logged in on a handheld.</summary>
[FloorEventType("picker.login")]
public sealed record PickerLoggedIn : FloorEvent
{
    public required string PickerId { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"picker {PickerId} logged in on {DeviceId}");
}
