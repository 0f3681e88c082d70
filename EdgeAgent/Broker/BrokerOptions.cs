using System.ComponentModel.DataAnnotations;
using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Drivers.Mqtt;

namespace EdgeAgent.Broker;

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

    /// <summary>Embedded: <c>Required</c> (every device proves who it is, ACLs apply) or <c>Off</c> (a lab bench only).</summary>
    public BrokerAuthentication Authentication { get; set; } = BrokerAuthentication.Required;

    /// <summary>Embedded: the devices allowed to connect, by client id (= MQTT user name), with their kind and hashed password.</summary>
    public Dictionary<string, BrokerClient> Clients { get; } = new(StringComparer.Ordinal);

    /// <summary>Embedded: a TLS listener for devices too (8883 by convention), with the PEM certificate and key below.</summary>
    [Range(0, 65535, ErrorMessage = "Broker:TlsPort must be between 0 and 65535")]
    public int? TlsPort { get; set; }

    public string? TlsCertificatePath { get; set; }

    public string? TlsKeyPath { get; set; }

    /// <summary>
    /// Embedded: the path on the agent's web server where devices may also speak MQTT over WebSockets (the handheld web
    /// app does); empty switches it off. Same broker, same credentials and ACL as the TCP listener.
    /// </summary>
    public string WebSocketPath { get; set; } = "/mqtt";

    /// <summary>Embedded: messages queued per session before the oldest is dropped, counted and alarmed (default 100,000).</summary>
    [Range(1, 10_000_000, ErrorMessage = "Broker:MaxPendingMessagesPerSession must be between 1 and 10,000,000")]
    public int MaxPendingMessagesPerSession { get; set; } = EmbeddedBrokerOptions.DefaultMaxPendingMessagesPerSession;

    /// <summary>
    /// Embedded: the transport limit. A larger publish is refused by the broker (an MQTT 5 publisher reads
    /// <c>QuotaExceeded</c> in its PUBACK; a handheld of either version also gets a <c>payload-too-large</c> prompt).
    /// At least 65,536, above every device family's own limit, so a family answers a payload over its own limit itself.
    /// </summary>
    [Range(65_536, 268_435_455, ErrorMessage = "Broker:MaxPayloadBytes must be between 65536 (no device family's limit may be above it) and 268435455 (MQTT's maximum)")]
    public int MaxPayloadBytes { get; set; } = 65_536;

    /// <summary>
    /// Embedded: when one of the agent's own session queues holds this percent of <see cref="MaxPendingMessagesPerSession"/>,
    /// devices' publishes to it are held unacknowledged (backpressure) until it drains; 0 switches it off (default 50).
    /// </summary>
    [Range(0, 100, ErrorMessage = "Broker:BackpressurePercent must be between 0 and 100")]
    public int BackpressurePercent { get; set; } = 50;

    /// <summary>Embedded: longest one publish is held by backpressure, in milliseconds, before it is queued anyway (default 5000).</summary>
    [Range(1, 60_000, ErrorMessage = "Broker:BackpressureMaxWaitMilliseconds must be between 1 and 60000")]
    public int BackpressureMaxWaitMilliseconds { get; set; } = 5000;

    /// <summary>
    /// How long the broker keeps the agent's sessions for conveyor scanners and IO-Link masters after the agent went away
    /// (MQTT 5 session expiry; default 1 hour): an external broker queues what those devices publish meanwhile (they read
    /// only its PUBACK and never resend) and delivers it when the agent is back; a redelivery is not applied twice.
    /// <c>00:00:00</c> starts those sessions clean, so what they publish while the agent is down is dropped and only named missing.
    /// </summary>
    public TimeSpan SessionExpiry { get; set; } = DefaultSessionExpiry;

    /// <summary>The default of <see cref="SessionExpiry"/>: longer than a restart or an upgrade, short enough that a retired gateway's queue goes.</summary>
    public static readonly TimeSpan DefaultSessionExpiry = TimeSpan.FromHours(1);

    /// <summary>The longest <see cref="SessionExpiry"/> accepted: a week of a broker queueing for an agent that does not come back is a mistake.</summary>
    public static readonly TimeSpan MaxSessionExpiry = TimeSpan.FromDays(7);

    /// <summary>
    /// External: the user name of the agent's handheld session on the site's broker; each further session logs in as
    /// this name plus <c>-scanners</c>, <c>-printers</c>, <c>-iolink</c> or <c>-plc</c> (see <see cref="AgentBroker.SessionRoles"/>),
    /// so a broker that uses the user name as client id (Mosquitto's <c>use_username_as_clientid</c>) never sees two
    /// sessions with the same id. All four use <see cref="Password"/>.
    /// </summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>External: connect to the broker over TLS.</summary>
    public bool Tls { get; set; }

    /// <summary>External with TLS: PEM file with the CA chain the broker's certificate must chain to; empty trusts the system store.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>External with TLS: the name the broker's certificate must carry; empty checks against <see cref="Host"/>.</summary>
    public string? TlsServerName { get; set; }

    /// <summary>External with TLS: a PEM client certificate and its key, for brokers that require one.</summary>
    public string? ClientCertificatePath { get; set; }

    public string? ClientKeyPath { get; set; }

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

        if (Mode == BrokerMode.Embedded && TlsPort is not null && !File.Exists(TlsCertificatePath))
        {
            yield return new ValidationResult($"Broker:TlsCertificatePath '{TlsCertificatePath}' is not a readable file; Broker:TlsPort needs a PEM certificate", [nameof(TlsCertificatePath)]);
        }

        if (!string.IsNullOrEmpty(WebSocketPath) && (!WebSocketPath.StartsWith('/') || WebSocketPath.Contains('?') || WebSocketPath.Contains('#')))
        {
            yield return new ValidationResult($"Broker:WebSocketPath '{WebSocketPath}' must be a path starting with '/' (or empty to switch MQTT over WebSockets off)", [nameof(WebSocketPath)]);
        }

        if (SessionExpiry < TimeSpan.Zero || SessionExpiry > MaxSessionExpiry || (SessionExpiry > TimeSpan.Zero && SessionExpiry < TimeSpan.FromSeconds(1)))
        {
            yield return new ValidationResult($"Broker:SessionExpiry '{SessionExpiry}' must be 00:00:00 (clean sessions) or between 00:00:01 and 7.00:00:00", [nameof(SessionExpiry)]);
        }

        foreach (var problem in ExternalProblems())
        {
            yield return problem;
        }

        foreach (var (id, client) in Clients)
        {
            if (!DeviceTopic.IsValidSegment(id))
            {
                yield return new ValidationResult($"Broker:Clients:{id} is not a valid device id (1-64 letters, digits, '-' or '_')", [nameof(Clients)]);
            }

            if (!DeviceTopic.IsValidSegment(client.Kind))
            {
                yield return new ValidationResult($"Broker:Clients:{id}:Kind is required: the device kind in its topics, e.g. handheld", [nameof(Clients)]);
            }

            if (!PasswordHash.IsWellFormed(client.PasswordHash))
            {
                yield return new ValidationResult($"Broker:Clients:{id}:PasswordHash is not a password hash; make one with `EdgeAgent hash-password`", [nameof(Clients)]);
            }
        }
    }

    private IEnumerable<ValidationResult> ExternalProblems()
    {
        if (Mode != BrokerMode.External)
        {
            yield break;
        }

        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Broker:Username and Broker:Password go together: set both (the site broker's login for the agent) or neither", [nameof(Username)]);
        }

        if (!Tls)
        {
            if (!string.IsNullOrEmpty(CaCertificatePath) || !string.IsNullOrEmpty(ClientCertificatePath))
            {
                yield return new ValidationResult("Broker:CaCertificatePath and Broker:ClientCertificatePath apply only with Broker:Tls = true", [nameof(Tls)]);
            }

            yield break;
        }

        if (BrokerTlsCheck.TrustChainProblem(CaCertificatePath) is { } ca)
        {
            yield return new ValidationResult($"Broker:CaCertificatePath {ca}", [nameof(CaCertificatePath)]);
        }

        if (string.IsNullOrEmpty(ClientCertificatePath) != string.IsNullOrEmpty(ClientKeyPath))
        {
            yield return new ValidationResult("Broker:ClientCertificatePath and Broker:ClientKeyPath go together: set both or neither", [nameof(ClientCertificatePath)]);
        }
        else if (BrokerTlsCheck.ClientCertificateProblem(ClientCertificatePath, ClientKeyPath) is { } client)
        {
            yield return new ValidationResult($"Broker:ClientCertificatePath {client}", [nameof(ClientCertificatePath)]);
        }
    }
}
