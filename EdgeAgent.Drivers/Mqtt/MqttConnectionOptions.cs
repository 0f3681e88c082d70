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

    /// <summary>
    /// How long the broker keeps this session (its subscriptions and the QoS 1 messages for it) after the connection
    /// ends. Zero (the default) starts clean each time: right for a family whose devices resend until answered
    /// (handhelds). A family whose devices read only the broker's PUBACK (conveyor scanners, IO-Link masters) needs a
    /// persistent session with a stable <see cref="ClientId"/>, so the broker queues what they publish while the agent
    /// is down and delivers it after (redelivered messages carry MQTT's DUP flag).
    /// </summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.Zero;

    /// <summary>MQTT's session expiry interval in whole seconds (0: the session ends with the connection).</summary>
    internal uint SessionExpirySeconds => (uint)Math.Clamp(SessionExpiry.TotalSeconds, 0, uint.MaxValue - 1);

    /// <summary>MQTT 5 client options for this connection: a clean start unless <see cref="SessionExpiry"/> keeps the session.</summary>
    internal MqttClientOptions ToClientOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(Host, Port)
            .WithClientId(ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithKeepAlivePeriod(KeepAlive)
            .WithCleanStart(SessionExpirySeconds == 0)
            .WithSessionExpiryInterval(SessionExpirySeconds)
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
