using System.Globalization;
using EdgeAgent.Drivers.Printers;

namespace EdgeAgent.Events;

/// <summary>A label job moved off a faulted printer, to another or parked until one recovers.</summary>
[FloorEventType("label.rerouted")]
public sealed record LabelRerouted : FloorEvent
{
    public string? Sscc { get; init; }

    public string? ToPrinterId { get; init; }

    public PrinterFaults Reason { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"label for {Sscc ?? "?"} moved from {DeviceId} to {ToPrinterId ?? "(parked)"} because {Reason}");
}
