using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A conveyor scanner read no usable SSCC.</summary>
[FloorEventType("carton.no-read")]
public sealed record CartonNoRead : FloorEvent
{
    public required string Reason { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"no read at {DeviceId}: {Reason}");
}
