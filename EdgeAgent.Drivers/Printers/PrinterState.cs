namespace EdgeAgent.Drivers.Printers;

/// <summary>How a group sees one of its printers right now.</summary>
/// <param name="Healthy">Null until the first status query answered or failed.</param>
public sealed record PrinterState(string Id, bool? Healthy, PrinterFaults Faults, int QueuedJobs, PrinterStatus? LastStatus);
