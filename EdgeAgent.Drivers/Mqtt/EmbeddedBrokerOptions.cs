using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Drivers.Mqtt;

/// <summary>Settings of the in-process MQTT broker.</summary>
public sealed class EmbeddedBrokerOptions
{
    /// <summary>Address to listen on. Loopback by default: exposing the broker to the floor network is a deliberate choice.</summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free port, readable from <see cref="EmbeddedBroker.Port"/> after start.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>Publishes with a larger payload are refused. Default 64 KiB.</summary>
    [Range(1, 268_435_455)]
    public int MaxPayloadBytes { get; set; } = 65536;
}
