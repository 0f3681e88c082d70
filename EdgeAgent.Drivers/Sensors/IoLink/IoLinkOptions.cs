using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Drivers.Sensors;

/// <summary>The IO-Link ports this agent reads from MQTT, under <c>dc/{Site}/iolink/{masterId}/port{n}</c>.</summary>
public sealed class IoLinkOptions : IValidatableObject
{
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string Site { get; set; } = "site1";

    public IList<IoLinkPortOptions> Ports { get; init; } = [];

    /// <summary>Larger payloads are counted as malformed unread. Default 4096.</summary>
    [Range(64, 1_048_576)]
    public int MaxPayloadBytes { get; set; } = 4096;

    /// <summary>A master's <c>ts</c> further than this from the agent's clock is replaced by the receipt time (and counted), so a skewed master cannot fire or stretch jam timers. Default 2000 ms.</summary>
    [Range(1, 3_600_000)]
    public int MaxClockSkewMs { get; set; } = 2000;

    /// <summary>The device kind of IO-Link masters in their topics.</summary>
    public const string DeviceKind = "iolink";

    /// <summary>The MQTT topic filter that covers every master of the site.</summary>
    public string TopicFilter => $"dc/{Site}/{DeviceKind}/+/+";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var port in Ports)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(port, new ValidationContext(port), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new ValidationResult($"{nameof(Ports)}[{port.Name}]: {result.ErrorMessage}", result.MemberNames);
            }
        }

        foreach (var duplicate in Ports.GroupBy(p => (p.MasterId, p.Port)).Where(g => g.Count() > 1))
        {
            yield return new ValidationResult($"Port {duplicate.Key.Port} of master '{duplicate.Key.MasterId}' is mapped more than once.", [nameof(Ports)]);
        }
    }
}
