namespace EdgeAgent.Conveyor;

/// <summary>A carton's label as released (admin endpoint; later the ERP downlink).</summary>
public sealed record NewCartonLabel(string? Sscc, string? ShipToName, IReadOnlyList<string>? ShipToAddress, string? OrderNumber, string? Carrier, double? WeightKg = null);
