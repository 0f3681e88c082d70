using EdgeAgent.Drivers.Printers;

namespace EdgeAgent.Conveyor;

/// <summary>
/// Builds the line's printer group from <c>Conveyor:Printers</c>; the line calls it as it starts (the
/// broker's port is known by then) and passes where the group's events go.
/// </summary>
public delegate PrinterGroup PrinterGroupFactory(Func<PrinterEvent, CancellationToken, ValueTask> onEvent);
