using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Conveyor;

/// <summary>The sorter after the scanner (section <c>Conveyor:Divert</c>); off while no lane is configured.</summary>
public sealed class DivertOptions
{
    public List<DivertLaneOptions> Lanes { get; } = [];

    /// <summary>Where a carton goes that cannot be sorted (no read, unknown, wrong lane, weight or label mismatch) or whose divert waits for a person.</summary>
    public DivertLaneOptions? Reject { get; set; }

    /// <summary>How long an actuator's output is held on.</summary>
    [Range(10, 10_000, ErrorMessage = "Conveyor:Divert:PulseMs must be between 10 and 10000")]
    public int PulseMs { get; set; } = 200;

    /// <summary>A carton's read weight (310n) further than this from its label's expected weight is a mismatch.</summary>
    [Range(0.0, 1_000.0, ErrorMessage = "Conveyor:Divert:WeightToleranceKg must be between 0 and 1000")]
    public double WeightToleranceKg { get; set; } = 0.2;

    /// <summary>The stack light that shows amber while the last carton went to the reject lane, green otherwise.</summary>
    public string? Light { get; set; }

    public bool Enabled => Reject is not null && Lanes.Count > 0;
}
