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

    [LoggerMessage(EventId = 1111, Level = LogLevel.Warning, Message = "Device {ClientId} ({Kind}) refused for now with ServerUnavailable: no agent session reads {Kind} devices yet, so nothing it published would be stored; it keeps what it has and connects again ({Suppressed} similar not logged)")]
    private partial void LogRefusedUntilRead(string clientId, string kind, long suppressed);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Information, Message = "Devices of kind {Kind} are admitted: the agent's session {Session} reads {Filter}")]
    private partial void LogKindRead(string kind, string session, string filter);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Warning, Message = "No agent session reads devices of kind {Kinds} any more ({Session} lost its subscription): they are disconnected and wait at connect until it subscribes again")]
    private partial void LogKindUnread(string kinds, string session);

    [LoggerMessage(EventId = 1114, Level = LogLevel.Warning, Message = "Could not disconnect the devices of kind {Kinds} that no agent session reads")]
    private partial void LogDisconnectDevicesFailed(string kinds, Exception exception);
}
