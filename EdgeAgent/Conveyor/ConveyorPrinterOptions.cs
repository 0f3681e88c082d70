using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Conveyor;

/// <summary>One label printer of the line's group, reached over raw TCP (ZPL).</summary>
public sealed class ConveyorPrinterOptions
{
    [Required(ErrorMessage = "Conveyor:Printers:N:Id is required")]
    public string Id { get; set; } = "";

    [Required(ErrorMessage = "Conveyor:Printers:N:Host is required")]
    public string Host { get; set; } = "";

    [Range(1, 65535, ErrorMessage = "Conveyor:Printers:N:Port must be between 1 and 65535")]
    public int Port { get; set; } = 9100;
}
