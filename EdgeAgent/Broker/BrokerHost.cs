namespace EdgeAgent.Broker;

/// <summary>Starts and stops the embedded broker the composition built; with an external broker, says where it is.</summary>
public sealed partial class BrokerHost(AgentBroker broker, BrokerOptions options, ILogger<BrokerHost> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (broker.Embedded is not { } embedded)
        {
            LogExternal(logger, broker.Host, broker.Port);
            return;
        }

        if (options.Authentication == Drivers.Mqtt.BrokerAuthentication.Off)
        {
            LogAuthenticationOff(logger);
        }

        await embedded.StartAsync(cancellationToken);
        LogEmbedded(logger, options.BindAddress, embedded.Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (broker.Embedded is { } embedded)
        {
            await embedded.StopAsync(cancellationToken);
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Embedded MQTT broker listening on {Address}:{Port}")]
    private static partial void LogEmbedded(ILogger logger, string address, int port);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Broker:Authentication is Off: any client may connect and publish under dc/. Use this on a lab bench only")]
    private static partial void LogAuthenticationOff(ILogger logger);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Using the external MQTT broker at {Host}:{Port}")]
    private static partial void LogExternal(ILogger logger, string host, int port);
}
