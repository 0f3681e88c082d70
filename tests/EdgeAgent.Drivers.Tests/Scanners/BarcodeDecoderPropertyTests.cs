using CsCheck;
using EdgeAgent.Drivers.Scanners;
using EdgeAgent.Simulators.Scanners;

namespace EdgeAgent.Drivers.Tests.Scanners;

public sealed class BarcodeDecoderPropertyTests
{
    private static readonly Gen<string> AnyText = Gen.Char[(char)0, (char)127].Array[0, 60].Select(chars => new string(chars));

    private readonly BarcodeDecoder _decoder = new(TimeProvider.System);

    [Fact]
    public void ArbitraryInput_NeverThrows_AndEitherDecodesOrSaysWhy() =>
        Gen.OneOf(AnyText, AnyText.Select(s => "]C1" + s), AnyText.Select(s => "]d201" + s), Gen.String)
            .Sample(raw =>
            {
                var result = _decoder.Decode(raw);
                Assert.True(result.IsValid ^ result.Error is not null);
            });

    [Fact]
    public void EveryGeneratedSscc_RoundTrips() =>
        Gen.Select(Gen.Int[0, 9], Gen.Long[0, 999_999_999L])
            .Sample((extension, serial) =>
            {
                var sscc = LabelCodes.Sscc(extension, "0614141", serial);
                Assert.True(Gs1CheckDigit.IsValid(sscc));
                Assert.Equal(sscc, _decoder.Decode(LabelCodes.SsccRead(sscc)).Barcode?.Sscc);
            });
}
