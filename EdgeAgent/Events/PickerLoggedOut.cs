using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A picker's session ended, by their own log-out or because the handheld was taken over.</summary>
[FloorEventType("picker.logout")]
public sealed record PickerLoggedOut : FloorEvent
{
    public required string PickerId { get; init; }

    public required string Reason { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"picker {PickerId} logged out: {Reason}");
}
