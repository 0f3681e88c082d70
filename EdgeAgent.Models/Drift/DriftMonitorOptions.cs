using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Models.Drift;

/// <summary>How much evidence the drift monitor weighs, when it alarms, and whether an alarm stops the models.</summary>
public sealed class DriftMonitorOptions : IValidatableObject
{
    /// <summary>Most recent samples kept per signal; older ones fall out. Default 500.</summary>
    [Range(10, 1_000_000)]
    public int WindowSize { get; set; } = 500;

    /// <summary>Samples a signal needs before it may alarm; at most <see cref="WindowSize"/>. Default 200.</summary>
    [Range(1, 1_000_000)]
    public int MinimumSamples { get; set; } = 200;

    /// <summary>Largest tolerated relative bias of actual against predicted pick seconds. Default 0.2 (20%).</summary>
    [Range(0.01, 10.0)]
    public double DurationBiasThreshold { get; set; } = 0.2;

    /// <summary>Largest tolerated gap between the late share and the mean predicted probability. Default 0.1.</summary>
    [Range(0.01, 1.0)]
    public double LateRateThreshold { get; set; } = 0.1;

    /// <summary>Whether an alarm latches "use rule fallback" until a person re-enables the models. Default true.</summary>
    public bool SwitchToFallback { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinimumSamples > WindowSize)
        {
            yield return new ValidationResult(
                $"MinimumSamples ({MinimumSamples}) cannot exceed WindowSize ({WindowSize}): the window would never hold enough samples to alarm.",
                [nameof(MinimumSamples), nameof(WindowSize)]);
        }
    }
}
