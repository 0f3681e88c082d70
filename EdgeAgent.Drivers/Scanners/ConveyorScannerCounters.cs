namespace EdgeAgent.Drivers.Scanners;

/// <summary>A snapshot of what the conveyor scanner gateway received since it was created.</summary>
/// <param name="Received">Messages on a scanner topic of this site, other than status.</param>
/// <param name="Delivered">Reads the callback handled without throwing, decoded or not.</param>
/// <param name="DroppedByCode">Payloads dropped before decoding (not delivered), by code.</param>
/// <param name="DecodeErrorsByCode">Delivered reads whose data did not decode, by code.</param>
/// <param name="Duplicates">Redeliveries of the device's last <c>seq</c>, dropped.</param>
/// <param name="CallbackFailures">Reads the host's callback failed on.</param>
/// <param name="Batches">Batches handed to the host (each one store write in the agent); <c>Delivered / Batches</c> is the mean batch.</param>
/// <param name="LargestBatch">The most reads handed over in one batch.</param>
public sealed record ConveyorScannerCounters(
    long Received,
    long Delivered,
    IReadOnlyDictionary<ScannerReadError, long> DroppedByCode,
    IReadOnlyDictionary<Gs1ErrorCode, long> DecodeErrorsByCode,
    long Duplicates,
    long CallbackFailures,
    long Batches = 0,
    long LargestBatch = 0)
{
    public long Dropped(ScannerReadError code) => DroppedByCode.TryGetValue(code, out var count) ? count : 0;

    public long DecodeErrors(Gs1ErrorCode code) => DecodeErrorsByCode.TryGetValue(code, out var count) ? count : 0;
}
