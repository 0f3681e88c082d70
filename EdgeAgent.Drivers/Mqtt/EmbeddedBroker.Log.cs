using Microsoft.Extensions.Logging;

namespace EdgeAgent.Drivers.Mqtt;

public sealed partial class EmbeddedBroker
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Embedded MQTT broker listening on {BindAddress}:{Port}")]
    private partial void LogStarted(string bindAddress, int port);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Embedded MQTT broker on port {Port} stopped")]
    private partial void LogStopped(int port);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Could not send the error prompt on {Topic}")]
    private partial void LogInjectFailed(string topic, Exception exception);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Client {ClientId} refused on {Topic}: {Reason} ({Suppressed} similar refusals not logged)")]
    private partial void LogPublishRefused(string clientId, string topic, BrokerRefusalReason reason, long suppressed);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "ALARM: the session queue of {ClientId} was full ({Limit} messages): acknowledged messages were dropped, {Dropped} for this client so far ({Suppressed} similar alarms not logged)")]
    private partial void LogMessagesDropped(string clientId, int limit, long dropped, long suppressed);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Warning, Message = "Backpressure: {Sender}'s publishes are held unacknowledged while {Receiver} has {Pending} of {Limit} messages queued ({Suppressed} similar not logged)")]
    private partial void LogBackpressure(string? sender, string receiver, long pending, int limit, long suppressed);
}
