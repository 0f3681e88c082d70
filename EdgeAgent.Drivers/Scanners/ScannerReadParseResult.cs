namespace EdgeAgent.Drivers.Scanners;

/// <summary>Either a <see cref="ScannerRead"/> or why the payload was dropped.</summary>
public readonly record struct ScannerReadParseResult(ScannerRead? Read, ScannerReadError Error, string Reason)
{
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Read))]
    public bool IsValid => Read is not null;

    public static ScannerReadParseResult Rejected(ScannerReadError error, string reason) => new(null, error, reason);
}
