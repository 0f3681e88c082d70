using System.Globalization;
using EdgeAgent.Drivers.Printers;

namespace EdgeAgent.Events;

/// <summary>A label printer's faults cleared.</summary>
[FloorEventType("printer.recovered")]
public sealed record PrinterRecovered : FloorEvent
{
    public PrinterFaults Cleared { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"printer {DeviceId} recovered from {Cleared}");
}
