using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Drivers.Sensors;

/// <summary>One stack light (and its buzzer) in the pin map; a colour without a pin is simply not fitted.</summary>
public sealed class StackLightOptions
{
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$")]
    public string Name { get; set; } = "";

    [Range(0, 1023)]
    public int? RedPin { get; set; }

    [Range(0, 1023)]
    public int? AmberPin { get; set; }

    [Range(0, 1023)]
    public int? GreenPin { get; set; }

    [Range(0, 1023)]
    public int? BuzzerPin { get; set; }

    /// <summary>True when a lamp lights with its pin low (sinking relay board).</summary>
    public bool ActiveLow { get; set; }

    /// <summary>One full on-off cycle of a blinking lamp. Default 1000 ms.</summary>
    [Range(20, 60_000)]
    public int BlinkPeriodMs { get; set; } = 1000;

    internal IEnumerable<int> Pins() =>
        new[] { RedPin, AmberPin, GreenPin, BuzzerPin }.Where(p => p.HasValue).Select(p => p!.Value);
}
