using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Handhelds;

/// <summary>Runs the embedded broker when configured, and says where the agent's MQTT client connects.</summary>
public sealed partial class BrokerHost(IOptions<BrokerOptions> options, IOptions<AgentOptions> agent, ILoggerFactory loggers, TimeProvider time) : IHostedService, IAsyncDisposable
{
    private readonly BrokerOptions _options = options.Value;

    // Only this process uses the agent's own login to its embedded broker, so it is made fresh each run.
    private readonly string _agentSecret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private readonly ILogger _logger = loggers.CreateLogger<BrokerHost>();
    private EmbeddedBroker? _broker;

    public bool IsEmbedded => _options.Mode == BrokerMode.Embedded;

    /// <summary>The host the agent's own client connects to.</summary>
    public string Host => IsEmbedded
        ? (_options.BindAddress is "0.0.0.0" ? "127.0.0.1" : _options.BindAddress is "::" ? "::1" : _options.BindAddress)
        : _options.Host!;

    /// <summary>The broker's port; for an embedded broker on port 0, the one it bound.</summary>
    public int Port => _broker?.Port ?? _options.Port;

    public bool IsRunning => !IsEmbedded || _broker?.IsRunning == true;

    /// <summary>How one of the agent's MQTT sessions connects: its id, and the credentials the broker expects of it.</summary>
    /// <param name="role">Null for the handheld session; a name such as "scanners" for each further session.</param>
    public MqttConnectionOptions AgentConnection(string? role = null)
    {
        var clientId = role is null ? $"edgeagent-{agent.Value.GatewayId}" : $"edgeagent-{agent.Value.GatewayId}-{role}";
        return new MqttConnectionOptions
        {
            Host = Host,
            Port = Port,
            ClientId = clientId,
            Username = IsEmbedded ? clientId : _options.Username,
            Password = IsEmbedded ? _agentSecret : _options.Password,
        };
    }

    public EmbeddedBroker? Embedded => _broker;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!IsEmbedded)
        {
            LogExternal(_logger, _options.Host!, _options.Port);
            return;
        }

        var embedded = new EmbeddedBrokerOptions
        {
            BindAddress = _options.BindAddress,
            Port = _options.Port,
            Site = agent.Value.Site,
            Authentication = _options.Authentication,
            AgentClientId = $"edgeagent-{agent.Value.GatewayId}",
            AgentSecret = _agentSecret,
            TlsPort = _options.TlsPort,
            TlsCertificatePath = _options.TlsCertificatePath,
            TlsKeyPath = _options.TlsKeyPath,
        };
        foreach (var (id, client) in _options.Clients)
        {
            embedded.Clients[id] = client;
        }

        if (_options.Authentication == BrokerAuthentication.Off)
        {
            LogAuthenticationOff(_logger);
        }

        _broker = new EmbeddedBroker(
            Options.Create(embedded),
            loggers.CreateLogger<EmbeddedBroker>(),
            time);
        await _broker.StartAsync(cancellationToken);
        LogEmbedded(_logger, _options.BindAddress, _broker.Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_broker is { } broker)
        {
            await broker.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The container disposes this once as a singleton and once as a hosted service.
        if (Interlocked.Exchange(ref _broker, null) is { } broker)
        {
            await broker.DisposeAsync();
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Embedded MQTT broker listening on {Address}:{Port}")]
    private static partial void LogEmbedded(ILogger logger, string address, int port);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Broker:Authentication is Off: any client may connect and publish under dc/. Use this on a lab bench only")]
    private static partial void LogAuthenticationOff(ILogger logger);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Using the external MQTT broker at {Host}:{Port}")]
    private static partial void LogExternal(ILogger logger, string host, int port);
}
