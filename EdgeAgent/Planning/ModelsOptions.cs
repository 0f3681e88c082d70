using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Planning;

/// <summary>Model updates sent by central over the downlink (section <c>Models</c>).</summary>
public sealed class ModelsOptions : IValidatableObject
{
    public const string Section = "Models";

    /// <summary>Largest model (the <c>.onnx</c> bytes) an update may carry; a bigger one is refused as malformed.</summary>
    [Range(1, 1L << 30, ErrorMessage = "Models:MaxUpdateBytes must be between 1 and 1073741824")]
    public long MaxUpdateBytes { get; set; } = 64L << 20;

    /// <summary>How long a candidate runs beside the current model before it is promoted or kept out (section <c>Models:Shadow</c>).</summary>
    public ShadowOptions Shadow { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(Shadow, new ValidationContext(Shadow), results, validateAllProperties: true);
        return results.Select(r => new ValidationResult($"{Section}:Shadow: {r.ErrorMessage}", r.MemberNames.Select(m => $"Shadow.{m}")));
    }

    /// <summary>The shadow trial: it decides at <see cref="Samples"/> outcomes or after <see cref="Period"/>, whichever comes first.</summary>
    public sealed class ShadowOptions
    {
        /// <summary>Outcomes (finished picks for pick time, finished orders for late risk) both models predicted.</summary>
        [Range(1, 1_000_000, ErrorMessage = "Samples must be between 1 and 1000000")]
        public int Samples { get; set; } = 200;

        /// <summary>The longest a trial runs; it then decides on the outcomes it has (none: the candidate is kept out).</summary>
        [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00", ErrorMessage = "Period must be between 1 second and 30 days")]
        public TimeSpan Period { get; set; } = TimeSpan.FromHours(8);
    }
}
