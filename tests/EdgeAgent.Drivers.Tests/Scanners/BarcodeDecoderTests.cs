using EdgeAgent.Drivers.Scanners;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Drivers.Tests.Scanners;

public sealed class BarcodeDecoderTests
{
    private const char GS = '\u001D';
    private readonly BarcodeDecoder _decoder = new(new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData("]C100376104250021234569", Symbology.Gs1128)]
    [InlineData("]d200376104250021234569", Symbology.Gs1DataMatrix)]
    [InlineData("]Q300376104250021234569", Symbology.Gs1QrCode)]
    [InlineData("]e000376104250021234569", Symbology.Gs1DataBar)]
    public void Gs1Identifiers_AreDecodedAsElementStrings(string raw, Symbology symbology)
    {
        var barcode = Decoded(raw);
        Assert.Equal(symbology, barcode.Symbology);
        Assert.Equal(raw[..3], barcode.SymbologyIdentifier);
        Assert.Equal("376104250021234569", barcode.Sscc);
    }

    [Fact]
    public void Ean13_CarriesItsGtinPaddedTo14()
    {
        var barcode = Decoded("]E06291041500213");
        Assert.Equal(Symbology.Ean13, barcode.Symbology);
        Assert.Equal("06291041500213", barcode.Gtin);
    }

    [Theory]
    [InlineData("]C0SKU-1042", Symbology.Code128)]
    [InlineData("A-01-03", Symbology.Unidentified)]
    [InlineData("]A0HELLO", Symbology.Other)]
    public void PlainData_IsKeptAsIs_WithoutGs1Elements(string raw, Symbology symbology)
    {
        var barcode = Decoded(raw);
        Assert.Equal(symbology, barcode.Symbology);
        Assert.Null(barcode.Gs1);
        Assert.Equal(raw.StartsWith(']') ? raw[3..] : raw, barcode.Data);
    }

    [Fact]
    public void GenSpecsExample_GtinExpiryBatchSerial_IsSplitAtTheSeparator()
    {
        var gs1 = Decoded($"]d20109501101020917{"17190508"}10ABCD1234{GS}2110").Gs1!;
        Assert.Equal("09501101020917", gs1.Gtin);
        Assert.Equal(new DateOnly(2019, 5, 8), gs1.Expiry);
        Assert.Equal("ABCD1234", gs1.Batch);
        Assert.Equal("10", gs1.Serial);
    }

    [Fact]
    public void FixedFields_NeedNoSeparator_AndDayZeroIsTheEndOfTheMonth()
    {
        var gs1 = Decoded("]C1010950110102091717250200" + "10LOT7").Gs1!;
        Assert.Equal(new DateOnly(2025, 2, 28), gs1.Expiry);
        Assert.Equal("LOT7", gs1.Batch);
    }

    [Fact]
    public void LogisticLabel_SsccContentCountWeightAndShipTo_AllDecode()
    {
        var raw = $"]C100376104250021234569020950110102091715250200{"3102001250"}37{"24"}{GS}4100614141999996420{"1012AB"}";
        var gs1 = Decoded(raw).Gs1!;
        Assert.Equal("376104250021234569", gs1.Sscc);
        Assert.Equal("09501101020917", gs1.ContentGtin);
        Assert.Equal(new DateOnly(2025, 2, 28), gs1.BestBefore);
        Assert.Equal(12.50m, gs1.NetWeightKg);
        Assert.Equal(24, gs1.Count);
        Assert.Equal("0614141999996", gs1.ShipToGln);
        Assert.Equal("1012AB", gs1.ShipToPostalCode);
    }

    [Fact]
    public void ATrailingSeparator_IsTolerated() => Assert.Equal("LOT1", Decoded($"]C10109501101020917{"10LOT1"}{GS}").Gs1!.Batch);

    [Fact]
    public void ASeparatorAfterAFixedField_IsTolerated() => Assert.Equal("LOT1", Decoded($"]C10109501101020917{GS}10LOT1").Gs1!.Batch);

    [Fact]
    public void ALeadingSeparator_AsSomeScannersSendFnc1_IsTolerated() => Assert.NotNull(Decoded($"]C1{GS}00376104250021234569").Sscc);

    [Theory]
    [InlineData("", Gs1ErrorCode.Empty, null, 0)]
    [InlineData("]C1", Gs1ErrorCode.Empty, null, 3)]
    [InlineData("]C", Gs1ErrorCode.Malformed, null, 0)]
    [InlineData("]C1AB123", Gs1ErrorCode.Malformed, null, 3)]
    [InlineData("]C10037610425002123456", Gs1ErrorCode.BadLength, "00", 3)]
    [InlineData("]C10037610425002\u001D123456", Gs1ErrorCode.BadLength, "00", 16)]
    [InlineData("]C100376104250021234568", Gs1ErrorCode.BadCheckDigit, "00", 22)]
    [InlineData("]C19912345", Gs1ErrorCode.UnknownAi, "99", 3)]
    [InlineData("]C1010950110102091710ABCDEFGHIJKLMNOPQRSTU", Gs1ErrorCode.TooLong, "10", 19)]
    [InlineData("]C10109501101020917101234\u001D\u001D21X", Gs1ErrorCode.Malformed, null, 26)]
    [InlineData("]C1010950110102091710\u001D21X", Gs1ErrorCode.BadLength, "10", 19)]
    [InlineData("]C10109501101020917171302310", Gs1ErrorCode.BadDate, "17", 19)]
    [InlineData("]C10109501101020917172502310", Gs1ErrorCode.BadDate, "17", 19)]
    [InlineData("]C1010950110102091710AB#1", Gs1ErrorCode.BadCharacter, "10", 23)]
    [InlineData("]C10109501101020A17", Gs1ErrorCode.BadCharacter, "01", 16)]
    [InlineData("]C10209501101020917", Gs1ErrorCode.MissingCompanion, "02", 3)]
    [InlineData("]C10209501101020917375", Gs1ErrorCode.MissingCompanion, "37", 19)]
    [InlineData("]C101095011010209170209501101020917", Gs1ErrorCode.ConflictingAis, "02", 19)]
    [InlineData("]C1010950110102091721A\u001D21B", Gs1ErrorCode.ConflictingAis, "21", 23)]
    [InlineData("]E06291041500214", Gs1ErrorCode.BadCheckDigit, null, 15)]
    [InlineData("]E0629104150021", Gs1ErrorCode.BadLength, null, 3)]
    public void BadScans_FailWithASpecificCode_NamingTheAiAndPosition(string raw, Gs1ErrorCode code, string? ai, int position)
    {
        var result = _decoder.Decode(raw);

        Assert.False(result.IsValid);
        Assert.Equal(code, result.Error.Code);
        Assert.Equal(ai, result.Error.Ai);
        Assert.Equal(position, result.Error.Position);
        if (ai is not null)
        {
            Assert.Contains($"({ai})", result.Error.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AnOverlongScan_IsRefusedUnread() =>
        Assert.Equal(Gs1ErrorCode.TooLong, _decoder.Decode("]C0" + new string('x', BarcodeDecoder.MaxLength)).Error!.Code);

    [Fact]
    public void EveryPredefinedLengthAi_IsFixedLength_AndMatchesTheTable()
    {
        foreach (var ai in Gs1ApplicationIdentifiers.All.Where(a => a.IsPredefinedLength))
        {
            Assert.True(ai.IsFixedLength, ai.Ai);
            Assert.Equal(Gs1PredefinedLength.TotalLength(ai.Ai), ai.Ai.Length + ai.MaxLength);
        }
    }

    [Theory]
    [InlineData(25, 2025, 2025)]
    [InlineData(75, 2025, 2075)]
    [InlineData(76, 2025, 1976)]
    [InlineData(1, 2099, 2101)]
    public void TwoDigitYears_FollowTheGs1SlidingWindow(int yy, int currentYear, int expected) =>
        Assert.Equal(expected, Gs1Date.FullYear(yy, currentYear));

    private Barcode Decoded(string raw)
    {
        var result = _decoder.Decode(raw);
        Assert.True(result.IsValid, result.Error?.ToString());
        return result.Barcode;
    }
}
