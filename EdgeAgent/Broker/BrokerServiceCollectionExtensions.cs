using System.Security.Cryptography;
using EdgeAgent.Configuration;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Drivers.Presence;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Broker;

public static class BrokerServiceCollectionExtensions
{
    public const string PresenceSection = "Presence";

    /// <summary>
    /// The MQTT broker every device family uses (embedded or external) and device presence. Register before the
    /// parts that open sessions on it: hosted services start in registration order.
    /// </summary>
    public static IServiceCollection AddBroker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BrokerOptions>()
            .Bind(configuration.GetSection(BrokerOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<PresenceOptions>()
            .Bind(configuration.GetSection(PresenceSection))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => new PresenceTracker(sp.GetRequiredService<IOptions<PresenceOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<BrokerOptions>>().Value);
        services.AddSingleton<BrokerWebSocketTransport>();
        services.AddSingleton(sp => Create(
            sp.GetRequiredService<BrokerOptions>(),
            sp.GetRequiredService<IOptions<AgentOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<BrokerWebSocketTransport>(),
            sp.GetServices<AgentReader>()));
        services.AddHostedService<BrokerHost>();
        return services;
    }

    /// <summary>
    /// Says that the agent's session <paramref name="role"/> reads and stores devices of <paramref name="kind"/>, which
    /// read nothing but the broker's PUBACK: the embedded broker admits them only once that session has subscribed.
    /// </summary>
    public static IServiceCollection AddAgentReader(this IServiceCollection services, string kind, string role)
    {
        services.AddSingleton(new AgentReader(kind, role));
        return services;
    }

    /// <summary>MQTT over WebSockets on <c>Broker:WebSocketPath</c>, when the broker is the embedded one and the path is set.</summary>
    public static WebApplication MapBrokerWebSockets(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<BrokerOptions>();
        if (options.Mode == BrokerMode.Embedded && !string.IsNullOrEmpty(options.WebSocketPath))
        {
            var transport = app.Services.GetRequiredService<BrokerWebSocketTransport>();
            app.UseWebSockets();
            // Devices sign in at the MQTT level (their own credentials and ACL), not with the console's session.
            app.Map(options.WebSocketPath, transport.HandleAsync).AllowAnonymous();
        }

        return app;
    }

    private static AgentBroker Create(BrokerOptions options, AgentOptions agent, ILoggerFactory loggers, TimeProvider time, BrokerWebSocketTransport webSockets, IEnumerable<AgentReader> readers)
    {
        // Only this process uses the agent's own login to its embedded broker, so it is made fresh each run.
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        if (options.Mode != BrokerMode.Embedded)
        {
            return new AgentBroker(options, agent, secret, embedded: null);
        }

        var embedded = new EmbeddedBrokerOptions
        {
            BindAddress = options.BindAddress,
            Port = options.Port,
            Site = agent.Site,
            Authentication = options.Authentication,
            AgentClientId = $"edgeagent-{agent.GatewayId}",
            AgentSecret = secret,
            TlsPort = options.TlsPort,
            TlsCertificatePath = options.TlsCertificatePath,
            TlsKeyPath = options.TlsKeyPath,
            MaxPendingMessagesPerSession = options.MaxPendingMessagesPerSession,
            MaxPayloadBytes = options.MaxPayloadBytes,
            BackpressurePercent = options.BackpressurePercent,
            BackpressureMaxWaitMilliseconds = options.BackpressureMaxWaitMilliseconds,
        };
        foreach (var (id, client) in options.Clients)
        {
            embedded.Clients[id] = client;
        }

        foreach (var reader in readers)
        {
            embedded.ReadersByKind[reader.Kind] = $"{embedded.AgentClientId}-{reader.Role}";
        }

        IReadOnlyList<Func<MQTTnet.Server.IMqttServerAdapter>> transports = string.IsNullOrEmpty(options.WebSocketPath) ? [] : [webSockets.Create];
        return new AgentBroker(options, agent, secret, new EmbeddedBroker(Options.Create(embedded), loggers.CreateLogger<EmbeddedBroker>(), time, transports));
    }
}
