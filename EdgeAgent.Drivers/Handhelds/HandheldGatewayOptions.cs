using System.ComponentModel.DataAnnotations;
using EdgeAgent.Drivers.Mqtt;

namespace EdgeAgent.Drivers.Handhelds;

/// <summary>Settings of the <see cref="HandheldGateway"/>.</summary>
public sealed class HandheldGatewayOptions
{
    /// <summary>This agent's site id: the gateway serves <c>dc/{Site}/handheld/…</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string Site { get; set; } = "site1";

    /// <summary>Larger event payloads are answered with <c>payload-too-large</c> unread. Default 4096.</summary>
    [Range(64, 1_048_576)]
    public int MaxPayloadBytes { get; set; } = 4096;

    /// <summary>Events handed to the callback and not yet answered; when full, receiving waits. Default 1024.</summary>
    [Range(1, 65_535)]
    public int MaxInFlight { get; set; } = 1024;

    /// <summary>First wait before reconnecting after the broker connection dropped; doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Required]
    public MqttConnectionOptions Connection { get; set; } = new() { ClientId = "edgeagent-handhelds" };
}
