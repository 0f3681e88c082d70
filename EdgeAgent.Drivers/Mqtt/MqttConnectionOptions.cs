using System.ComponentModel.DataAnnotations;
using MQTTnet;
using MQTTnet.Formatter;

namespace EdgeAgent.Drivers.Mqtt;

/// <summary>Where and as whom a client connects: the embedded broker or an external one (Mosquitto, EMQX) alike.</summary>
public sealed class MqttConnectionOptions
{
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    [Required]
    [StringLength(64, MinimumLength = 1)]
    public string ClientId { get; set; } = "edgeagent";

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>MQTT keep-alive; the broker drops the connection after 1.5 × this without traffic. Default 15 s.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>TLS to the broker; null connects in plain TCP (the embedded broker on loopback).</summary>
    public MqttTlsSettings? Tls { get; set; }

    /// <summary>MQTT 5 client options for this connection; a clean start, because the device protocol resends what a restart loses.</summary>
    internal MqttClientOptions ToClientOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(Host, Port)
            .WithClientId(ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithKeepAlivePeriod(KeepAlive)
            .WithCleanStart(true)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (Username is not null)
        {
            builder = builder.WithCredentials(Username, Password);
        }

        if (Tls is { } tls)
        {
            // Read at each connect, so renewed certificates are picked up by the next reconnect.
            var trustChain = tls.LoadTrustChain();
            var clientCertificate = tls.LoadClientCertificate();
            builder = builder.WithTlsOptions(o =>
            {
                o.UseTls().WithTargetHost(tls.ServerName ?? Host);
                if (trustChain is not null)
                {
                    o.WithTrustChain(trustChain);
                }

                if (clientCertificate is not null)
                {
                    o.WithClientCertificates([clientCertificate]);
                }
            });
        }

        return builder.Build();
    }
}
