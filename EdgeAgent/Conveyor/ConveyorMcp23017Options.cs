using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Conveyor;

/// <summary>Where the line's MCP23017 expander sits when <c>Conveyor:Gpio</c> is <c>Mcp23017</c> (section <c>Conveyor:Mcp23017</c>).</summary>
public sealed class ConveyorMcp23017Options
{
    public const int MinAddress = 0x20;
    public const int MaxAddress = 0x27;

    /// <summary>The expander has 16 pins: 0–7 are GPA0–7, 8–15 are GPB0–7.</summary>
    public const int PinCount = 16;

    /// <summary>The I²C bus number (<c>/dev/i2c-N</c>); no default, a site names its bus.</summary>
    public int? BusId { get; set; }

    /// <summary>The 7-bit address set by the chip's A0–A2 pins: 0x20 (all low, the default) to 0x27.</summary>
    public int Address { get; set; } = MinAddress;

    /// <summary>Every problem, each naming its key; only asked when the expander is the line's chip.</summary>
    public IEnumerable<ValidationResult> Validate()
    {
        if (BusId is not { } bus)
        {
            yield return new ValidationResult("Conveyor:Mcp23017:BusId is required when Conveyor:Gpio is Mcp23017 (the I²C bus number, e.g. 1 for /dev/i2c-1)", [nameof(BusId)]);
        }
        else if (bus < 0)
        {
            yield return new ValidationResult($"Conveyor:Mcp23017:BusId must be 0 or more (was {bus})", [nameof(BusId)]);
        }

        if (Address is < MinAddress or > MaxAddress)
        {
            yield return new ValidationResult($"Conveyor:Mcp23017:Address must be between 0x20 and 0x27 (was 0x{Address:X2})", [nameof(Address)]);
        }
    }
}
