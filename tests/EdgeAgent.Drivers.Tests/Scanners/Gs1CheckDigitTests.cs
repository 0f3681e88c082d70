using EdgeAgent.Drivers.Scanners;

namespace EdgeAgent.Drivers.Tests.Scanners;

public sealed class Gs1CheckDigitTests
{
    [Fact]
    public void FloorFactsWorkedExample_629104150021_HasCheckDigit3() =>
        Assert.Equal(3, Gs1CheckDigit.Compute("629104150021"));

    [Theory]
    [InlineData("96385074")] // GTIN-8
    [InlineData("036000291452")] // GTIN-12 (UPC-A)
    [InlineData("4006381333931")] // GTIN-13
    [InlineData("6291041500213")] // GTIN-13, FLOOR-FACTS
    [InlineData("09501101020917")] // GTIN-14
    [InlineData("376104250021234569")] // SSCC-18, GS1 General Specifications
    [InlineData("106141411234567897")] // SSCC-18
    [InlineData("0614141999996")] // GLN-13
    public void ValidCodesOfEveryLength_AreValid(string code)
    {
        Assert.True(Gs1CheckDigit.IsValid(code));
        Assert.Equal(code, Gs1CheckDigit.Append(code[..^1]));
    }

    [Theory]
    [InlineData("96385075")]
    [InlineData("036000291453")]
    [InlineData("4006381333930")]
    [InlineData("09501101020918")]
    [InlineData("376104250021234568")]
    public void AWrongLastDigit_IsInvalid(string code) => Assert.False(Gs1CheckDigit.IsValid(code));

    [Theory]
    [InlineData("")]
    [InlineData("7")]
    [InlineData("40063813339A1")]
    [InlineData("4006381333 31")]
    public void NonDigitsOrTooShort_AreInvalid_NotAnException(string code) => Assert.False(Gs1CheckDigit.IsValid(code));

    [Fact]
    public void Compute_RefusesNonDigits_AsABug() => Assert.Throws<ArgumentException>(() => Gs1CheckDigit.Compute("12a"));
}
