using Microsoft.Extensions.Logging;

namespace EdgeAgent.Drivers.Scanners;

public sealed partial class ConveyorScannerGateway
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Read from scanner {DeviceId} dropped: {Error}: {Reason} ({Suppressed} similar not logged)")]
    private partial void LogDropped(string deviceId, ScannerReadError error, string reason, long suppressed);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Scan {Seq} from scanner {DeviceId} did not decode: {Error} ({Suppressed} similar not logged)")]
    private partial void LogDecodeFailed(string deviceId, long seq, Gs1Error error, long suppressed);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "Handling scan {Seq} from scanner {DeviceId} failed")]
    private partial void LogCallbackFailed(Exception exception, string deviceId, long seq);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Conveyor scanner gateway stopped before the read in hand was handled")]
    private partial void LogStopTimedOut();

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning, Message = "A batch of {Count} scans failed as a whole; handing each read alone")]
    private partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Warning, Message = "Acknowledging a handled scan to the broker failed; it will be redelivered and recognised by its seq ({Suppressed} similar not logged)")]
    private partial void LogAcknowledgeFailed(Exception exception, long suppressed);
}
