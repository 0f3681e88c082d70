using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A logged-in picker logged in again on another handheld; the session moved with them.</summary>
[FloorEventType("picker.moved")]
public sealed record PickerMoved : FloorEvent
{
    public required string PickerId { get; init; }

    public required string FromDeviceId { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"picker {PickerId} moved from {FromDeviceId} to {DeviceId}");
}
