using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Fulfilment;

/// <summary>Pickers' zone permissions and skills by badge id (section <c>Pickers</c>).</summary>
public sealed class PickerOptions : IValidatableObject
{
    public const string Section = "Pickers";

    /// <summary>Profiles by badge id.</summary>
    public Dictionary<string, PickerProfile> Profiles { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The profile of a badge without one: every zone, no special skills.</summary>
    public PickerProfile Default { get; set; } = new();

    public PickerProfile For(string pickerId) => Profiles.GetValueOrDefault(pickerId) ?? Default;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (badge, profile) in Profiles.Append(new KeyValuePair<string, PickerProfile>("Default", Default)))
        {
            var key = badge == "Default" ? $"{Section}:Default" : $"{Section}:Profiles:{badge}";
            foreach (var (name, values) in new[] { ("Zones", profile.Zones), ("Skills", profile.Skills) })
            {
                if (values.Any(string.IsNullOrWhiteSpace))
                {
                    yield return new ValidationResult($"{key}:{name} has an empty entry", [name]);
                }
            }
        }
    }
}
