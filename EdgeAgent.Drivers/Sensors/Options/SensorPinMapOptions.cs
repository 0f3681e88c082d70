using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Drivers.Sensors;

/// <summary>The pin map of one GPIO controller (a board or an expander): its inputs and its stack lights.</summary>
public sealed class SensorPinMapOptions : IValidatableObject
{
    public IList<SensorInputOptions> Inputs { get; init; } = [];

    public IList<StackLightOptions> StackLights { get; init; } = [];

    /// <summary>
    /// Sample the inputs this often instead of waiting for edge callbacks; for an expander whose
    /// interrupt line is not wired. <c>null</c> (default) uses the driver's edge callbacks.
    /// </summary>
    [Range(1, 1000)]
    public int? PollIntervalMs { get; set; }

    /// <summary>Edges within one unsettled debounce window from which the burst counts as a flood. Default 16.</summary>
    [Range(2, 1_000_000)]
    public int FloodEdges { get; set; } = 16;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var input in Inputs)
        {
            foreach (var result in ValidateChild(input, $"{nameof(Inputs)}[{input.Name}]"))
            {
                yield return result;
            }
        }

        foreach (var light in StackLights)
        {
            foreach (var result in ValidateChild(light, $"{nameof(StackLights)}[{light.Name}]"))
            {
                yield return result;
            }
        }

        var names = Inputs.Select(i => i.Name).Concat(StackLights.Select(s => s.Name));
        foreach (var name in names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return new ValidationResult($"Name '{name.Key}' is used more than once.", [nameof(Inputs)]);
        }

        var pins = Inputs.Select(i => i.Pin).Concat(StackLights.SelectMany(s => s.Pins()));
        foreach (var pin in pins.GroupBy(p => p).Where(g => g.Count() > 1))
        {
            yield return new ValidationResult($"Pin {pin.Key} is mapped more than once.", [nameof(Inputs)]);
        }
    }

    private static List<ValidationResult> ValidateChild(object child, string path)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(child, new ValidationContext(child), results, validateAllProperties: true);
        return results.Select(r => new ValidationResult($"{path}: {r.ErrorMessage}", r.MemberNames)).ToList();
    }
}
