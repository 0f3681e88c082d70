namespace EdgeAgent.Drivers.Scanners;

/// <summary>A read of a batch the host applied but could not finish (its divert or label, say): counted and logged by the gateway.</summary>
public sealed record ScanFailure(CartonScanned Scan, Exception Error);
