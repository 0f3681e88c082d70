using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Drivers.Sensors;

/// <summary>One IO-Link master port carrying a switching sensor, mapped onto a named sensor.</summary>
public sealed class IoLinkPortOptions
{
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string MasterId { get; set; } = "";

    [Range(1, 64)]
    public int Port { get; set; } = 1;

    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$")]
    public string Name { get; set; } = "";

    public SensorRole Role { get; set; } = SensorRole.PhotoEye;

    /// <summary>True when the port's value is false while the sensor is active (a dark-on eye wired light-on).</summary>
    public bool ActiveLow { get; set; }

    [Range(1, 600_000)]
    public int? CartonMinDwellMs { get; set; }

    [Range(1, 3_600_000)]
    public int? JamAfterMs { get; set; }

    [Range(1, 86_400_000)]
    public int? OpenTooLongMs { get; set; }

    internal SensorTimings Timings => SensorTimings.ForRole(Role, CartonMinDwellMs, JamAfterMs, OpenTooLongMs);
}
