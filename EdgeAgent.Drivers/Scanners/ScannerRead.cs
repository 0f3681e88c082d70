namespace EdgeAgent.Drivers.Scanners;

/// <summary>One read message from a fixed-mount scanner, before its data is decoded.</summary>
public sealed record ScannerRead(string DeviceId, long Seq, string Data, DateTimeOffset? At);
