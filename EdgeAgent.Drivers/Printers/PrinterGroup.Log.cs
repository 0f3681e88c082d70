using Microsoft.Extensions.Logging;

namespace EdgeAgent.Drivers.Printers;

public sealed partial class PrinterGroup
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Printer {PrinterId} faulted: {Faults} ({Detail})")]
    private partial void LogFaulted(string printerId, PrinterFaults faults, string? detail);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Printer {PrinterId} recovered from {Faults}")]
    private partial void LogRecovered(string printerId, PrinterFaults faults);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Printer {PrinterId} link error {Error}: {Detail} ({Suppressed} similar not logged)")]
    private partial void LogLinkError(string printerId, PrinterLinkError error, string? detail, long suppressed);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Print job {JobId} failed on {PrinterId}: {Reason} ({Detail})")]
    private partial void LogJobFailed(string jobId, string printerId, JobFailureReason reason, string? detail);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Error, Message = "Event callback failed for {EventType} of printer {PrinterId} ({Suppressed} similar not logged)")]
    private partial void LogCallbackFailed(Exception exception, string eventType, string printerId, long suppressed);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Error, Message = "Worker of printer {PrinterId} failed; dropping the link and retrying")]
    private partial void LogWorkerFailed(Exception exception, string printerId);
}
