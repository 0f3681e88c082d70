using System.ComponentModel.DataAnnotations;
using EdgeAgent.Drivers.Sensors;

namespace EdgeAgent.Conveyor;

/// <summary>A conveyor segment: its photo-eyes and stack light, its fixed scanners, its label printers (section <c>Conveyor</c>).</summary>
public sealed class ConveyorOptions : IValidatableObject
{
    public const string Section = "Conveyor";

    public bool Enabled { get; set; }

    /// <summary>The chip the pin map is on: <c>Board</c> (default), <c>Simulated</c>, or <c>Mcp23017</c> (see <see cref="Mcp23017"/>).</summary>
    public GpioSource Gpio { get; set; } = GpioSource.Board;

    /// <summary>The expander's bus and address; read only when <see cref="Gpio"/> is <c>Mcp23017</c>.</summary>
    public ConveyorMcp23017Options Mcp23017 { get; set; } = new();

    /// <summary>Photo-eyes, jam sensors, door switches and stack lights on the GPIO chip.</summary>
    public SensorPinMapOptions PinMap { get; set; } = new();

    /// <summary>Sensors read through IO-Link masters over MQTT; they feed the same events as the GPIO inputs.</summary>
    public IoLinkOptions IoLink { get; set; } = new();

    /// <summary>The stack light that shows the line's faults (a printer down, a jam).</summary>
    public string? FaultLight { get; set; }

    public List<ConveyorPrinterOptions> Printers { get; } = [];

    /// <summary>The sorter after the scanner: lanes with their GPIO outputs and carriers, and the reject lane.</summary>
    public DivertOptions Divert { get; set; } = new();

    /// <summary>How often an idle printer is asked for its status.</summary>
    [Range(50, 60_000, ErrorMessage = "Conveyor:PrinterPollMs must be between 50 and 60000")]
    public int PrinterPollMs { get; set; } = 2000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (Printers.Count == 0)
        {
            yield return new ValidationResult("Conveyor:Printers needs at least one printer when Conveyor:Enabled is true", [nameof(Printers)]);
        }

        foreach (var printer in Printers.Where(p => p.Transport == Drivers.Printers.PrinterTransport.Tcp && string.IsNullOrWhiteSpace(p.Host)))
        {
            yield return new ValidationResult($"Conveyor:Printers: printer '{printer.Id}' is on TCP and needs a Host", [nameof(Printers)]);
        }

        foreach (var problem in PinMap.Validate(validationContext))
        {
            yield return new ValidationResult($"Conveyor:PinMap: {problem.ErrorMessage}", [nameof(PinMap)]);
        }

        if (Gpio == GpioSource.Mcp23017)
        {
            foreach (var problem in ValidateExpander())
            {
                yield return problem;
            }
        }

        foreach (var problem in Divert.Validate())
        {
            yield return problem;
        }

        foreach (var problem in IoLink.Validate(validationContext))
        {
            yield return new ValidationResult($"Conveyor:IoLink: {problem.ErrorMessage}", [nameof(IoLink)]);
        }

        if (FaultLight is { Length: > 0 } light && PinMap.StackLights.All(s => s.Name != light))
        {
            yield return new ValidationResult($"Conveyor:FaultLight '{light}' is not one of Conveyor:PinMap:StackLights", [nameof(FaultLight)]);
        }
    }

    private IEnumerable<ValidationResult> ValidateExpander()
    {
        foreach (var problem in Mcp23017.Validate())
        {
            yield return problem;
        }

        // The binding raises edges only through the chip's INTA/INTB lines wired to the board, which we do not use.
        if (PinMap.PollIntervalMs is null)
        {
            yield return new ValidationResult("Conveyor:PinMap:PollIntervalMs is required when Conveyor:Gpio is Mcp23017: the expander's inputs are polled (e.g. 2)", [nameof(PinMap)]);
        }

        var pins = PinMap.Inputs.Select(i => i.Pin)
            .Concat(PinMap.StackLights.SelectMany(s => new[] { s.RedPin, s.AmberPin, s.GreenPin, s.BuzzerPin }).OfType<int>());
        foreach (var pin in pins.Where(p => p is < 0 or >= ConveyorMcp23017Options.PinCount).Distinct())
        {
            yield return new ValidationResult($"Conveyor:PinMap: pin {pin} is not on the MCP23017 (0-7 are GPA0-7, 8-15 are GPB0-7)", [nameof(PinMap)]);
        }
    }
}
