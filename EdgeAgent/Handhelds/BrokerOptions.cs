using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Handhelds;

/// <summary>The MQTT broker the floor talks through (section <c>Broker</c>).</summary>
public sealed class BrokerOptions : IValidatableObject
{
    public const string Section = "Broker";

    public BrokerMode Mode { get; set; } = BrokerMode.Embedded;

    /// <summary>Embedded: the address to listen on. External: ignored.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>External: the broker's host name or address. Embedded: ignored.</summary>
    public string? Host { get; set; }

    /// <summary>The MQTT port; 0 lets the embedded broker pick a free one.</summary>
    [Range(0, 65535, ErrorMessage = "Broker:Port must be between 0 and 65535")]
    public int Port { get; set; } = 1883;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mode == BrokerMode.External && string.IsNullOrWhiteSpace(Host))
        {
            yield return new ValidationResult("Broker:Host is required when Broker:Mode is External", [nameof(Host)]);
        }

        if (Mode == BrokerMode.External && Port == 0)
        {
            yield return new ValidationResult("Broker:Port must name the external broker's port (0 only picks a free port for the embedded broker)", [nameof(Port)]);
        }

        if (Mode == BrokerMode.Embedded && !System.Net.IPAddress.TryParse(BindAddress, out _))
        {
            yield return new ValidationResult($"Broker:BindAddress '{BindAddress}' is not an IP address", [nameof(BindAddress)]);
        }
    }
}
