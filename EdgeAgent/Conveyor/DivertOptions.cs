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

    /// <summary>Every problem with the lanes, each naming its key; empty when valid or when no divert is configured.</summary>
    public IEnumerable<ValidationResult> Validate()
    {
        if (!Enabled)
        {
            yield break;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var lanes = Lanes.Select((lane, i) => (Lane: lane, Key: $"Conveyor:Divert:Lanes:{i}")).Append((Lane: Reject!, Key: "Conveyor:Divert:Reject"));
        foreach (var (lane, key) in lanes)
        {
            if (string.IsNullOrWhiteSpace(lane.Name) || !names.Add(lane.Name))
            {
                yield return new ValidationResult($"{key}:Name must be set and unique among the sorter's lanes", [nameof(Lanes)]);
            }

            if (lane.Pin is null && lane.Plc is null)
            {
                yield return new ValidationResult($"{key} needs a Pin (a GPIO output) or a Plc (a PLC adapter's device id) to fire its actuator", [nameof(Lanes)]);
            }

            if (lane.Plc is { } plc && !Drivers.Mqtt.DeviceTopic.IsValidSegment(plc))
            {
                yield return new ValidationResult($"{key}:Plc '{plc}' is not a valid device id (1-64 letters, digits, '-' or '_')", [nameof(Lanes)]);
            }

            if (lane.Plc is not null && lane.PlcTag is not { Length: > 0 and <= 128 })
            {
                yield return new ValidationResult($"{key}:PlcTag is required with {key}:Plc (1-128 characters: the tag the PLC sets for this lane)", [nameof(Lanes)]);
            }
        }
    }
}
