namespace EdgeAgent.Drivers.Printers;

/// <summary>A fact about a printer or a job in a <see cref="PrinterGroup"/>; the host maps these to device events.</summary>
public abstract record PrinterEvent(string Group, string PrinterId, DateTimeOffset At);

/// <summary>The printer stopped taking jobs (or its set of faults changed while down).</summary>
public sealed record PrinterFaulted(string Group, string PrinterId, DateTimeOffset At, PrinterFaults Faults, string? Detail)
    : PrinterEvent(Group, PrinterId, At);

/// <summary>The printer answers a clean status again; <paramref name="Cleared"/> is what it was down for.</summary>
public sealed record PrinterRecovered(string Group, string PrinterId, DateTimeOffset At, PrinterFaults Cleared)
    : PrinterEvent(Group, PrinterId, At);

/// <summary>A job left a faulted printer's queue; <paramref name="PrinterId"/> is where it went, null if parked until one recovers.</summary>
public sealed record JobRerouted(string Group, string? PrinterIdTo, string FromPrinterId, DateTimeOffset At, string JobId, PrinterFaults Reason)
    : PrinterEvent(Group, PrinterIdTo ?? string.Empty, At);

/// <summary>
/// The job was written in full to the printer. <paramref name="ReceiptConfirmed"/>: the printer then
/// answered <c>~HS</c> on the same connection, so it read the job. Raw 9100 says nothing more.
/// </summary>
public sealed record JobPrinted(string Group, string PrinterId, DateTimeOffset At, string JobId, int Attempts, bool ReceiptConfirmed)
    : PrinterEvent(Group, PrinterId, At);

/// <summary>The job was given up and will not be printed by the group.</summary>
public sealed record JobFailed(string Group, string PrinterId, DateTimeOffset At, string JobId, JobFailureReason Reason, int Attempts, string? Detail)
    : PrinterEvent(Group, PrinterId, At);
