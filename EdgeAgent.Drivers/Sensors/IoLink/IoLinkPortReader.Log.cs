using Microsoft.Extensions.Logging;

namespace EdgeAgent.Drivers.Sensors;

public sealed partial class IoLinkPortReader
{
    [LoggerMessage(EventId = 1510, Level = LogLevel.Warning, Message = "IO-Link message on {Topic} dropped: {Result} ({Suppressed} similar drops not logged)")]
    private partial void LogDropped(string topic, IoLinkReadResult result, long suppressed);
}
