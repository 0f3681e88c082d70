using System.Net;
using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Drivers.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EdgeAgent.Drivers.Mqtt;

/// <summary>The in-process MQTT broker the devices connect to when no external broker is configured.</summary>
public sealed partial class EmbeddedBroker : IAsyncDisposable
{
    private const string TopicNamespace = BrokerPublishPolicy.Namespace;

    // Set by the inbound-packet hook for a PUBLISH read from a client's socket and consumed by the
    // publish interceptor. Last wills and server-injected messages also pass the interceptor, with
    // the dead client's id or the server's; they never pass the inbound hook, so the missing marker
    // is how they are told apart and let through (MQTTnet 5.2 exposes no other way).
    private static readonly object WirePublishMarker = new();

    private readonly EmbeddedBrokerOptions _options;
    private readonly IReadOnlyList<Func<IMqttServerAdapter>> _extraTransports;
    private readonly ILogger<EmbeddedBroker> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly LogRateLimiter _refusalLogLimiter;
    private readonly LogRateLimiter _overflowLogLimiter;
    private int _disposed;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private MqttServer? _server;
    private long _refusedOutsideNamespace;
    private long _refusedPayloadTooLarge;
    private long _refusedConnections;
    private long _refusedByAcl;
    private long _refusedSubscriptions;

    /// <param name="options">The broker's settings.</param>
    /// <param name="logger">Where refusals, drops and starts are logged.</param>
    /// <param name="timeProvider">The clock of the log rate limits.</param>
    /// <param name="extraTransports">
    /// Further listeners of this same server besides its TCP (and TLS) endpoints, e.g. MQTT over WebSockets on the
    /// host's web server: one factory each, called at every start (a stopped server disposes its adapters). Their
    /// clients pass the same authentication, ACL, limits and drop counting as TCP clients.
    /// </param>
    public EmbeddedBroker(IOptions<EmbeddedBrokerOptions> options, ILogger<EmbeddedBroker> logger, TimeProvider timeProvider, IReadOnlyList<Func<IMqttServerAdapter>>? extraTransports = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options.Value;
        _extraTransports = extraTransports ?? [];
        _logger = logger;
        _timeProvider = timeProvider;
        _refusalLogLimiter = new LogRateLimiter(timeProvider, TimeSpan.FromMinutes(1));
        _overflowLogLimiter = new LogRateLimiter(timeProvider, TimeSpan.FromMinutes(1));
        Port = _options.Port;
    }

    /// <summary>The port the broker listens on; the one the OS chose when configured with 0.</summary>
    public int Port { get; private set; }

    public bool IsRunning => _server?.IsStarted == true;

    /// <summary>The TLS listener's port once started (the one the OS chose when configured with 0); null without TLS.</summary>
    public int? TlsPort { get; private set; }

    public EmbeddedBrokerCounters Counters => new(
        Interlocked.Read(ref _refusedOutsideNamespace),
        Interlocked.Read(ref _refusedPayloadTooLarge))
    {
        RefusedConnections = Interlocked.Read(ref _refusedConnections),
        RefusedByAcl = Interlocked.Read(ref _refusedByAcl),
        RefusedSubscriptions = Interlocked.Read(ref _refusedSubscriptions),
        DroppedByClient = DroppedSnapshot(),
        PublishesHeld = Interlocked.Read(ref _publishesHeld),
        HoldsTimedOut = Interlocked.Read(ref _holdsTimedOut),
        RefusedUntilRead = Interlocked.Read(ref _refusedUntilRead),
    };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_server is not null)
            {
                return;
            }

            var serverOptions = BuildServerOptions();
            var factory = new MqttServerFactory();
            IMqttServerAdapter[] adapters = [.. factory.DefaultServerAdapters.Select(create => create(factory)), .. _extraTransports.Select(create => create())];
            var server = factory.CreateMqttServer(serverOptions, adapters);
            server.ValidatingConnectionAsync += OnValidatingConnectionAsync;
            server.InterceptingInboundPacketAsync += OnInboundPacketAsync;
            server.InterceptingPublishAsync += OnInterceptingPublishAsync;
            server.InterceptingSubscriptionAsync += OnInterceptingSubscriptionAsync;
            server.QueuedApplicationMessageOverwrittenAsync += OnQueuedMessageOverwrittenAsync;
            server.InterceptingClientEnqueueAsync += OnInterceptingClientEnqueueAsync;
            server.ClientSubscribedTopicAsync += OnClientSubscribedAsync;
            server.ClientUnsubscribedTopicAsync += OnClientUnsubscribedAsync;
            server.SessionDeletedAsync += OnSessionDeletedAsync;
            _agentFilters.Clear(); // a new server: none of the agent's sessions holds a subscription on it yet
            await server.StartAsync();

            // MQTTnet writes the port the socket was bound to back into the endpoint options.
            Port = serverOptions.DefaultEndpointOptions.Port;
            TlsPort = serverOptions.TlsEndpointOptions.IsEnabled ? serverOptions.TlsEndpointOptions.Port : null;
            _server = server;
            LogStarted(_options.BindAddress, Port);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            var server = _server;
            if (server is null)
            {
                return;
            }

            _server = null;
            await server.StopAsync();
            server.Dispose();
            LogStopped(Port);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops the broker; safe to call more than once (hosts may dispose what they also stopped).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(CancellationToken.None);
        _lifecycle.Dispose();
    }

    private MqttServerOptions BuildServerOptions()
    {
        var address = IPAddress.Parse(_options.BindAddress);
        var builder = new MqttServerFactory().CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(_options.Port)
            .WithMaxPendingMessagesPerClient(_options.MaxPendingMessagesPerSession)
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropOldestQueuedMessage);

        // MQTTnet opens an IPv4 and an IPv6 listener unless one is switched off; binding
        // "127.0.0.1" must not silently also listen on every IPv6 interface.
        builder = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? builder.WithDefaultEndpointBoundIPV6Address(address).WithDefaultEndpointBoundIPAddress(IPAddress.None)
            : builder.WithDefaultEndpointBoundIPAddress(address).WithDefaultEndpointBoundIPV6Address(IPAddress.None);
        if (_options.TlsPort is { } tlsPort)
        {
            builder = builder.WithEncryptedEndpoint().WithEncryptedEndpointPort(tlsPort).WithEncryptionCertificate(LoadCertificate());
            builder = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? builder.WithEncryptedEndpointBoundIPV6Address(address).WithEncryptedEndpointBoundIPAddress(IPAddress.None)
                : builder.WithEncryptedEndpointBoundIPAddress(address).WithEncryptedEndpointBoundIPV6Address(IPAddress.None);
        }

        return builder.Build();
    }


    private static Task OnInboundPacketAsync(InterceptingPacketEventArgs args)
    {
        if (args.Packet is MQTTnet.Packets.MqttPublishPacket)
        {
            args.SessionItems[WirePublishMarker] = WirePublishMarker;
        }

        return Task.CompletedTask;
    }

    private Task OnInterceptingPublishAsync(InterceptingPublishEventArgs args)
    {
        if (!args.SessionItems.Contains(WirePublishMarker))
        {
            return Task.CompletedTask;
        }

        args.SessionItems.Remove(WirePublishMarker);
        var refusal = BrokerPublishPolicy.Check(args.ApplicationMessage.Topic, args.ApplicationMessage.Payload.Length, _options.MaxPayloadBytes)
            ?? CheckAcl(args);
        if (refusal is null)
        {
            return Task.CompletedTask;
        }

        Refuse(args, refusal.Value);
        return Task.CompletedTask;
    }

    private void Refuse(InterceptingPublishEventArgs args, BrokerRefusalReason reason)
    {
        args.ProcessPublish = false;
        if (reason == BrokerRefusalReason.OutsideNamespace)
        {
            Interlocked.Increment(ref _refusedOutsideNamespace);
            args.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            args.Response.ReasonString = $"publishing is allowed under '{TopicNamespace}' only";
        }
        else if (reason == BrokerRefusalReason.ForbiddenTopic)
        {
            Interlocked.Increment(ref _refusedByAcl);
            args.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            args.Response.ReasonString = "a device may publish only under its own id";
            TellDevice(args, HandheldErrorCode.NotAuthorized, $"Not allowed to publish on {args.ApplicationMessage.Topic}");
        }
        else
        {
            Interlocked.Increment(ref _refusedPayloadTooLarge);
            args.Response.ReasonCode = MqttPubAckReasonCode.QuotaExceeded;
            args.Response.ReasonString = $"payload larger than {_options.MaxPayloadBytes} bytes";
            TellDevice(args, HandheldErrorCode.PayloadTooLarge, $"Message of {args.ApplicationMessage.Payload.Length} bytes is over the broker's {_options.MaxPayloadBytes}-byte limit; not read");
        }

        LogRefusal(args.ClientId ?? string.Empty, args.ApplicationMessage.Topic, reason);
    }
}
