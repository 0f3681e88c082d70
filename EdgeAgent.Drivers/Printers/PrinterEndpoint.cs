namespace EdgeAgent.Drivers.Printers;

/// <summary>A printer of a group: its id (as in <c>dc/{site}/printer/{id}</c>) and its raw-port link.</summary>
public sealed record PrinterEndpoint(string Id, ZplConnectionOptions Connection);
