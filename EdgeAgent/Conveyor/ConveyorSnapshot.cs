using EdgeAgent.Drivers.Printers;

namespace EdgeAgent.Conveyor;

/// <summary>The running line: its fault light, what keeps it on, and its printers.</summary>
public sealed record ConveyorSnapshot(string? FaultLight, IReadOnlyCollection<string> Faults, IReadOnlyList<PrinterState> Printers);
