using Microsoft.Extensions.Logging;

namespace CloudBridge.Outbox;

public sealed partial class Outbox
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Outbox quota alarm: {Lane} event refused, {UsedBytes} of {QuotaBytes} bytes used and nothing left to shed; applying backpressure")]
    private static partial void LogQuotaAlarm(ILogger logger, string lane, long usedBytes, long quotaBytes);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Outbox quota alarm cleared")]
    private static partial void LogAlarmCleared(ILogger logger);
}
