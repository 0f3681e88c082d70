using System.ComponentModel.DataAnnotations;
using EdgeAgent.Drivers.Mqtt;

namespace EdgeAgent.Drivers.Scanners;

/// <summary>Settings of the <see cref="ConveyorScannerGateway"/>.</summary>
public sealed class ConveyorScannerGatewayOptions
{
    /// <summary>This agent's site id: the gateway serves <c>dc/{Site}/scanner/…</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string Site { get; set; } = "site1";

    /// <summary>Larger read payloads are dropped unread and counted as <c>payload-too-large</c>. Default 2048.</summary>
    [Range(64, 1_048_576)]
    public int MaxPayloadBytes { get; set; } = 2048;

    /// <summary>First wait before reconnecting after the broker connection dropped; doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most reads handed to the host in one batch (one store write, one fsync in the agent). Default 256.</summary>
    [Range(1, 4096)]
    public int MaxBatch { get; set; } = 256;

    /// <summary>Reads received and not yet handed over before the receive path waits (and the broker holds the rest). Default 1024.</summary>
    [Range(1, 65_536)]
    public int MaxQueued { get; set; } = 1024;

    [Required]
    public MqttConnectionOptions Connection { get; set; } = new() { ClientId = "edgeagent-scanners" };
}
