using System.Diagnostics.CodeAnalysis;

namespace EdgeAgent.Drivers.Scanners;

/// <summary>Either a decoded <see cref="Barcode"/> or the <see cref="Gs1Error"/> saying why not.</summary>
public sealed record BarcodeDecodeResult
{
    private BarcodeDecodeResult(Barcode? barcode, Gs1Error? error)
    {
        Barcode = barcode;
        Error = error;
    }

    public Barcode? Barcode { get; }

    public Gs1Error? Error { get; }

    [MemberNotNullWhen(true, nameof(Barcode))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Barcode is not null;

    public static BarcodeDecodeResult Valid(Barcode barcode)
    {
        ArgumentNullException.ThrowIfNull(barcode);
        return new(barcode, null);
    }

    public static BarcodeDecodeResult Failed(Gs1ErrorCode code, string reason, string? ai, int position) =>
        new(null, new Gs1Error(code, reason, ai, position));

    public static BarcodeDecodeResult Failed(Gs1Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(null, error);
    }
}
