using Microsoft.Extensions.Logging;

namespace CloudBridge.Uplink;

public sealed partial class UplinkSender
{
    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Uplink session {Session} connected; resuming after {Resume}")]
    private static partial void LogConnected(ILogger logger, long session, string resume);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Uplink stream ended after progress: {Error}: {Message}; reconnecting")]
    private static partial void LogSessionEnded(ILogger logger, string error, string message);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Uplink reconnect in {DelayMs} ms after: {Message}")]
    private static partial void LogRetry(ILogger logger, double delayMs, string message);

    [LoggerMessage(EventId = 14, Level = LogLevel.Error, Message = "Uplink loop failed; starting again")]
    private static partial void LogEscaped(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "Uplink failing over to {Address} after: {Message}")]
    private static partial void LogFailover(ILogger logger, string address, string message);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Uplink circuit {State}")]
    private static partial void LogCircuit(ILogger logger, string state);
}
