using System.Globalization;
using EdgeAgent.Drivers.Printers;

namespace EdgeAgent.Events;

/// <summary>A label printer reported a fault, or stopped answering.</summary>
[FloorEventType("printer.faulted")]
public sealed record PrinterFaulted : FloorEvent
{
    public PrinterFaults Faults { get; init; }

    public string? Detail { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"printer {DeviceId} faulted: {Faults}{(Detail is null ? "" : " " + Detail)}");
}
