using System.ComponentModel.DataAnnotations;
using EdgeAgent.Drivers.Mqtt;

namespace EdgeAgent.Drivers.Printers;

/// <summary>The broker session a group's MQTT printers share: the site in their topics and the agent's own connection and credentials.</summary>
public sealed record PrinterMqttOptions
{
    /// <summary>The <c>{site}</c> of <c>dc/{site}/printer/{id}/…</c>.</summary>
    [Required]
    public required string Site { get; init; }

    /// <summary>Supplied by the host with the agent's client id and credentials; the group never invents them.</summary>
    [Required]
    public required MqttConnectionOptions Connection { get; init; }
}
