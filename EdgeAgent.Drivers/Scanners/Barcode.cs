namespace EdgeAgent.Drivers.Scanners;

/// <summary>A decoded scan: what symbology, the data, and for GS1 symbols the elements as a typed view.</summary>
public sealed record Barcode
{
    public required Symbology Symbology { get; init; }

    /// <summary>The AIM identifier as sent (<c>]C1</c>), or empty when the scanner sent none.</summary>
    public required string SymbologyIdentifier { get; init; }

    /// <summary>The scan exactly as received.</summary>
    public required string Raw { get; init; }

    /// <summary>The data after the AIM identifier.</summary>
    public required string Data { get; init; }

    /// <summary>The GS1 elements; null for plain (non-GS1) data. An EAN-13/8 carries one element, (01).</summary>
    public Gs1Data? Gs1 { get; init; }

    public string? Sscc => Gs1?.Sscc;

    public string? Gtin => Gs1?.Gtin;
}
