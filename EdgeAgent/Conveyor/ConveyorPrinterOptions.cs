using System.ComponentModel.DataAnnotations;
using EdgeAgent.Drivers.Printers;

namespace EdgeAgent.Conveyor;

/// <summary>One label printer of the line's group, reached over raw TCP (ZPL).</summary>
public sealed class ConveyorPrinterOptions
{
    [Required(ErrorMessage = "Conveyor:Printers:N:Id is required")]
    public string Id { get; set; } = "";

    /// <summary><c>Tcp</c> (raw 9100, the default) or <c>Mqtt</c> (an MQTT adapter on <c>dc/{site}/printer/{Id}/job|status</c>).</summary>
    public PrinterTransport Transport { get; set; } = PrinterTransport.Tcp;

    /// <summary>TCP printers only.</summary>
    public string Host { get; set; } = "";

    [Range(1, 65535, ErrorMessage = "Conveyor:Printers:N:Port must be between 1 and 65535")]
    public int Port { get; set; } = 9100;
}
