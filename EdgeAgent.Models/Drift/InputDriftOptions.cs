using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Models.Drift;

/// <summary>When the features of live requests have moved away from the training distribution (section <c>Planning:InputDrift</c>).</summary>
public sealed class InputDriftOptions : IValidatableObject
{
    /// <summary>Most recent scored rows kept per model. Default 2,000.</summary>
    [Range(10, 1_000_000)]
    public int WindowSize { get; set; } = 2_000;

    /// <summary>Rows a model's window needs before it may alarm. Default 500.</summary>
    [Range(1, 1_000_000)]
    public int MinimumSamples { get; set; } = 500;

    /// <summary>Population stability index past which a feature alarms. Default 0.25 (the usual "shifted" mark; 0.1 is "moving").</summary>
    [Range(0.01, 100.0)]
    public double PsiThreshold { get; set; } = 0.25;

    /// <summary>Rows taken from one scoring call (spread evenly over it), so a big batch does not fill the window alone. Default 16.</summary>
    [Range(1, 10_000)]
    public int RowsPerCall { get; set; } = 16;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinimumSamples > WindowSize)
        {
            yield return new ValidationResult(
                $"MinimumSamples ({MinimumSamples}) cannot exceed WindowSize ({WindowSize}): the window would never hold enough rows to alarm.",
                [nameof(MinimumSamples), nameof(WindowSize)]);
        }
    }
}
