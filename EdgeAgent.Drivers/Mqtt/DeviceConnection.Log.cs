using Microsoft.Extensions.Logging;
using MQTTnet;

namespace EdgeAgent.Drivers.Mqtt;

internal sealed partial class DeviceConnection
{
    [LoggerMessage(EventId = 1150, Level = LogLevel.Information, Message = "{Gateway} connected to {Host}:{Port}, serving site {Site}")]
    private partial void LogConnected(string gateway, string host, int port, string site);

    [LoggerMessage(EventId = 1151, Level = LogLevel.Warning, Message = "{Gateway} lost the broker connection ({Reason}); reconnecting")]
    private partial void LogDisconnected(string gateway, MqttClientDisconnectReason reason, Exception? exception);

    [LoggerMessage(EventId = 1152, Level = LogLevel.Warning, Message = "{Gateway} cannot connect to {Host}:{Port}; retrying ({Suppressed} similar failures not logged)")]
    private partial void LogConnectFailed(Exception exception, string gateway, string host, int port, long suppressed);

    [LoggerMessage(EventId = 1153, Level = LogLevel.Debug, Message = "{Gateway} could not say goodbye to the broker; the connection was already broken")]
    private partial void LogDisconnectFailed(Exception exception, string gateway);
}
