using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Drivers.Presence;

public sealed class PresenceOptions
{
    /// <summary>A device silent for longer than this is marked stale. Default 60 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>At most this many devices are tracked, so a flood of made-up ids cannot exhaust memory.</summary>
    [Range(1, 100_000)]
    public int MaxDevices { get; set; } = 10_000;
}
