using System.ComponentModel.DataAnnotations;

namespace CloudBridge.Outbox;

/// <summary>One uplink lane: its share of the link and whether it may be shed under the disk quota.</summary>
public sealed class LaneOptions
{
    [Required]
    [RegularExpression("^[a-z][a-z0-9-]{0,31}$")]
    public string Name { get; set; } = "";

    /// <summary>Batches this lane may send per scheduling round (weighted round robin). Default 1.</summary>
    [Range(1, 100)]
    public int Weight { get; set; } = 1;

    /// <summary>Telemetry-like lanes may be shed past the quota; business and audit lanes never are.</summary>
    public bool Sheddable { get; set; }
}
