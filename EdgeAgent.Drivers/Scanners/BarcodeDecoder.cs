namespace EdgeAgent.Drivers.Scanners;

/// <summary>
/// Turns what a scanner sends (AIM identifier + data) into a <see cref="Barcode"/> or a specific
/// <see cref="Gs1Error"/>; never throws on bad input.
/// </summary>
public sealed class BarcodeDecoder
{
    /// <summary>Longer input is refused unread: no symbol the floor uses carries this much.</summary>
    public const int MaxLength = 4096;

    private readonly TimeProvider _timeProvider;

    /// <param name="timeProvider">Today's year decides the century of YYMMDD dates (GS1 sliding window).</param>
    public BarcodeDecoder(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    public BarcodeDecodeResult Decode(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return BarcodeDecodeResult.Failed(Gs1ErrorCode.Empty, "The scan is empty", null, 0);
        }

        if (raw.Length > MaxLength)
        {
            return BarcodeDecodeResult.Failed(Gs1ErrorCode.TooLong, $"The scan has {raw.Length} characters, over the {MaxLength} limit", null, MaxLength);
        }

        if (!SymbologyIdentifier.TryRead(raw, out var identifier, out var symbology, out var syntax))
        {
            return BarcodeDecodeResult.Failed(Gs1ErrorCode.Malformed, "The scan starts with ']' but not with an AIM symbology identifier such as ']C1'", null, 0);
        }

        var start = identifier.Length;
        if (start == raw.Length)
        {
            return BarcodeDecodeResult.Failed(Gs1ErrorCode.Empty, $"The {identifier} symbol carries no data", null, start);
        }

        var barcode = new Barcode { Symbology = symbology, SymbologyIdentifier = identifier, Raw = raw, Data = raw[start..] };
        return syntax switch
        {
            SymbologyIdentifier.DataSyntax.Gs1ElementString => WithElementString(barcode, start),
            SymbologyIdentifier.DataSyntax.Ean13 => WithEan(barcode, start, 13),
            SymbologyIdentifier.DataSyntax.Ean8 => WithEan(barcode, start, 8),
            _ => BarcodeDecodeResult.Valid(barcode),
        };
    }

    private BarcodeDecodeResult WithElementString(Barcode barcode, int start)
    {
        var year = _timeProvider.GetUtcNow().Year;
        var error = Gs1ElementStringParser.TryParse(barcode.Raw, start, year, out var data);
        return error is null ? BarcodeDecodeResult.Valid(barcode with { Gs1 = data }) : BarcodeDecodeResult.Failed(error);
    }

    // An EAN/UPC symbol carries a GTIN; it is exposed as (01), zero-padded to 14 digits as GS1 does.
    private static BarcodeDecodeResult WithEan(Barcode barcode, int start, int length)
    {
        var data = barcode.Data;
        for (var k = 0; k < data.Length; k++)
        {
            if (!char.IsAsciiDigit(data[k]))
            {
                return BarcodeDecodeResult.Failed(Gs1ErrorCode.BadCharacter, $"An EAN-{length} carries digits only; found a non-digit at position {start + k}", null, start + k);
            }
        }

        if (data.Length != length)
        {
            return BarcodeDecodeResult.Failed(Gs1ErrorCode.BadLength, $"An EAN-{length} carries {length} digits, found {data.Length}", null, start);
        }

        if (!Gs1CheckDigit.IsValid(data))
        {
            var expected = Gs1CheckDigit.Compute(data.AsSpan(0, length - 1));
            return BarcodeDecodeResult.Failed(Gs1ErrorCode.BadCheckDigit, $"EAN-{length} check digit {data[^1]} should be {expected}", null, start + length - 1);
        }

        var gtin = new Gs1Element("01", data.PadLeft(14, '0'), start);
        return BarcodeDecodeResult.Valid(barcode with { Gs1 = new Gs1Data([gtin]) });
    }
}
