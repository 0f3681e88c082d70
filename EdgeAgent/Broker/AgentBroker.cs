using EdgeAgent.Configuration;
using EdgeAgent.Drivers.Mqtt;

namespace EdgeAgent.Broker;

/// <summary>
/// The MQTT broker the agent's sessions use: the embedded one, which the composition builds and
/// <see cref="BrokerHost"/> starts and stops, or an external one; and how each of the agent's sessions logs in.
/// </summary>
public sealed class AgentBroker : IAsyncDisposable
{
    private readonly BrokerOptions _options;
    private readonly AgentOptions _agent;
    private readonly string _agentSecret;

    /// <param name="options">The broker section.</param>
    /// <param name="agent">The site and gateway ids.</param>
    /// <param name="agentSecret">The password of the agent's own sessions on the embedded broker, made fresh each run.</param>
    /// <param name="embedded">The embedded broker, or null when the site runs an external one.</param>
    public AgentBroker(BrokerOptions options, AgentOptions agent, string agentSecret, EmbeddedBroker? embedded)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(agent);
        _options = options;
        _agent = agent;
        _agentSecret = agentSecret;
        Embedded = embedded;
    }

    /// <summary>The embedded broker (its counters, its port); null with an external broker.</summary>
    public EmbeddedBroker? Embedded { get; }

    public bool IsEmbedded => Embedded is not null;

    /// <summary>The host the agent's own clients connect to.</summary>
    public string Host => IsEmbedded
        ? (_options.BindAddress is "0.0.0.0" ? "127.0.0.1" : _options.BindAddress is "::" ? "::1" : _options.BindAddress)
        : _options.Host!;

    /// <summary>The broker's port; for an embedded broker on port 0, the one it bound once started.</summary>
    public int Port => Embedded?.Port ?? _options.Port;

    public bool IsRunning => Embedded is not { } embedded || embedded.IsRunning;

    /// <summary>The client id of the agent's handheld session; further sessions append their role.</summary>
    public string AgentClientId => $"edgeagent-{_agent.GatewayId}";

    /// <summary>The roles of the agent's sessions besides the handheld one; each logs in under its own name.</summary>
    public static IReadOnlyList<string> SessionRoles { get; } = ["scanners", "printers", "iolink", "plc"];

    /// <summary>
    /// The user name a session logs in with on an external broker: the configured one for the handheld session, with
    /// <c>-role</c> appended for the others, so each session has its own login (and its own client id on a broker
    /// that takes the user name as client id).
    /// </summary>
    public static string ExternalUsername(string username, string? role) => role is null ? username : $"{username}-{role}";

    /// <summary>How one of the agent's MQTT sessions connects: its id, and the credentials the broker expects of it.</summary>
    /// <param name="role">Null for the handheld session; a name such as "scanners" for each further session.</param>
    /// <param name="persistent">
    /// Keep the session on the broker for <see cref="BrokerOptions.SessionExpiry"/> after the agent went away, so what the
    /// family's devices publish meanwhile is queued for it: for devices that read only the broker's PUBACK and never resend.
    /// The client id is stable per gateway and role, so the agent finds its session again.
    /// </param>
    public MqttConnectionOptions AgentConnection(string? role = null, bool persistent = false)
    {
        var clientId = role is null ? AgentClientId : $"{AgentClientId}-{role}";
        var expiry = persistent ? _options.SessionExpiry : TimeSpan.Zero;
        if (IsEmbedded)
        {
            return new MqttConnectionOptions { Host = Host, Port = Port, ClientId = clientId, Username = clientId, Password = _agentSecret, SessionExpiry = expiry };
        }

        return new MqttConnectionOptions
        {
            Host = Host,
            Port = Port,
            ClientId = clientId,
            Username = string.IsNullOrEmpty(_options.Username) ? null : ExternalUsername(_options.Username, role),
            Password = string.IsNullOrEmpty(_options.Username) ? null : _options.Password,
            Tls = _options.Tls ? ExternalTls() : null,
            SessionExpiry = expiry,
        };
    }

    private MqttTlsSettings ExternalTls() => new()
    {
        CaCertificatePath = NullIfEmpty(_options.CaCertificatePath),
        ServerName = NullIfEmpty(_options.TlsServerName),
        ClientCertificatePath = NullIfEmpty(_options.ClientCertificatePath),
        ClientKeyPath = NullIfEmpty(_options.ClientKeyPath),
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    public async ValueTask DisposeAsync()
    {
        if (Embedded is { } embedded)
        {
            await embedded.DisposeAsync();
        }
    }
}
