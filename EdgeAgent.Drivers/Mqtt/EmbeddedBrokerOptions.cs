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

    /// <summary>The site id of the topics devices may use (<c>dc/{Site}/{kind}/{id}/…</c>).</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string Site { get; set; } = "site1";

    public BrokerAuthentication Authentication { get; set; } = BrokerAuthentication.Required;

    /// <summary>The devices allowed to connect, by client id (which is also their MQTT user name).</summary>
    public IDictionary<string, BrokerClient> Clients { get; } = new Dictionary<string, BrokerClient>(StringComparer.Ordinal);

    /// <summary>The agent's own client id (and, with a "-role" suffix, its other sessions); it may publish and subscribe anywhere.</summary>
    public string AgentClientId { get; set; } = "edgeagent";

    /// <summary>The agent's secret; the host makes a fresh one each run, since only the process itself uses it.</summary>
    public string? AgentSecret { get; set; }

    /// <summary>A TLS listener besides the plain one, when set (8883 by convention; 0 picks a free port).</summary>
    [Range(0, 65535)]
    public int? TlsPort { get; set; }

    /// <summary>The TLS listener's certificate (PEM); its key in <see cref="TlsKeyPath"/> or in the same file.</summary>
    public string? TlsCertificatePath { get; set; }

    public string? TlsKeyPath { get; set; }

    /// <summary>Publishes with a larger payload are refused. Default 64 KiB.</summary>
    [Range(1, 268_435_455)]
    public int MaxPayloadBytes { get; set; } = 65536;

    /// <summary>
    /// Messages queued for one session before the oldest is dropped (and counted). MQTTnet 5.2 applies one limit to
    /// every session and defaults to 1,000, which a single handheld's burst overflows in the agent's session; devices
    /// only receive their own prompts, so in practice only the agent's sessions ever come near it. Default 100,000.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxPendingMessagesPerSession { get; set; } = DefaultMaxPendingMessagesPerSession;

    /// <summary>
    /// Backpressure: when one of the agent's sessions has this share (percent) of <see cref="MaxPendingMessagesPerSession"/>
    /// queued, devices' publishes to it are held unacknowledged until it drains below it again, so the queue slows the
    /// devices down instead of dropping what they were told was delivered. 0 switches it off. Default 50.
    /// </summary>
    [Range(0, 100)]
    public int BackpressurePercent { get; set; } = 50;

    /// <summary>Longest a device's publish is held by backpressure before it is queued anyway (a drop is still counted). Default 5000 ms.</summary>
    [Range(1, 60_000)]
    public int BackpressureMaxWaitMilliseconds { get; set; } = 5000;

    /// <summary>
    /// Device kinds whose devices read nothing but the broker's PUBACK (conveyor scanners, IO-Link masters), each with
    /// the client id of the agent's session that reads and stores them: a device of such a kind is admitted only while
    /// that session holds a subscription covering the kind's topics, and refused with <c>ServerUnavailable</c> (MQTT
    /// 3.1.1: return code 3) until then, which devices retry. So the broker never acknowledges a message of it that no
    /// session would store (an agent starting). A session's own role counts, not any subscriber: the handheld session
    /// reads the whole site for presence but stores no carton read. Empty (the default) admits every authenticated device at once.
    /// </summary>
    public IDictionary<string, string> ReadersByKind { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The default of <see cref="MaxPendingMessagesPerSession"/>: a few minutes of a busy floor at the agent's pace.</summary>
    public const int DefaultMaxPendingMessagesPerSession = 100_000;
}
