using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Drivers.Sensors;

/// <summary>One debounced input in the pin map. Timings left unset take the role's default.</summary>
public sealed class SensorInputOptions
{
    /// <summary>Unique sensor name, used in every event (e.g. <c>conveyor1-eye3</c>, <c>dock4-door</c>).</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$")]
    public string Name { get; set; } = "";

    public SensorRole Role { get; set; } = SensorRole.PhotoEye;

    /// <summary>Pin number in the controller's numbering (a board GPIO line, or 0–15 on an MCP23017).</summary>
    [Range(0, 1023)]
    public int Pin { get; set; }

    /// <summary>True when the sensor pulls the line low while active (NPN output, or a normally-closed contact read as open).</summary>
    public bool ActiveLow { get; set; }

    public InputPull Pull { get; set; } = InputPull.None;

    /// <summary>The level must hold this long before it counts. Default 3 ms for eyes and jam sensors, 30 ms for door switches.</summary>
    [Range(0, 10_000)]
    public int? DebounceMs { get; set; }

    /// <summary>Photo-eyes: blocked at least this long is a carton (shorter is a hand or a strap). Default 20 ms.</summary>
    [Range(1, 600_000)]
    public int? CartonMinDwellMs { get; set; }

    /// <summary>Photo-eyes and jam sensors: blocked this long is a jam. Default 5000 ms.</summary>
    [Range(1, 3_600_000)]
    public int? JamAfterMs { get; set; }

    /// <summary>Door switches: open this long raises <see cref="DoorOpenTooLong"/>. Default 600000 ms (10 min).</summary>
    [Range(1, 86_400_000)]
    public int? OpenTooLongMs { get; set; }

    internal TimeSpan Debounce => TimeSpan.FromMilliseconds(DebounceMs ?? (Role == SensorRole.DoorSwitch ? 30 : 3));

    internal SensorTimings Timings => SensorTimings.ForRole(Role, CartonMinDwellMs, JamAfterMs, OpenTooLongMs);
}
