using EdgeAgent.Drivers.Printers;

namespace EdgeAgent.Drivers.Tests.Printers;

public sealed class HostStatusParserTests
{
    private const string One = "030,0,0,1218,000,0,0,0,000,0,0,0";
    private const string Two = "001,0,0,0,1,2,6,0,00000000,1,000";
    private const string Three = "1234,0";

    internal static string Reply(string one = One, string two = Two, string three = Three) =>
        $"\u0002{one}\u0003\r\n\u0002{two}\u0003\r\n\u0002{three}\u0003\r\n";

    private static string SetField(string frame, int field, string value)
    {
        var fields = frame.Split(',');
        fields[field] = value;
        return string.Join(',', fields);
    }

    [Fact]
    public void IdlePrinterReply_ParsesToAStatusWithoutFaults()
    {
        var result = HostStatusParser.Parse(Reply());

        Assert.True(result.IsValid);
        Assert.Equal(PrinterFaults.None, result.Status.Faults);
        Assert.Equal(1218, result.Status.LabelLengthDots);
        Assert.Equal(PrintMode.TearOff, result.Status.PrintMode);
        Assert.True(result.Status.ThermalTransfer);
        Assert.Equal(1234, result.Status.Password);
    }

    [Theory]
    [InlineData(1, nameof(PrinterStatus.PaperOut), PrinterFaults.PaperOut)]
    [InlineData(2, nameof(PrinterStatus.Paused), PrinterFaults.Paused)]
    [InlineData(5, nameof(PrinterStatus.BufferFull), PrinterFaults.None)]
    [InlineData(6, nameof(PrinterStatus.DiagnosticMode), PrinterFaults.None)]
    [InlineData(7, nameof(PrinterStatus.PartialFormat), PrinterFaults.None)]
    [InlineData(9, nameof(PrinterStatus.CorruptRam), PrinterFaults.CorruptRam)]
    [InlineData(10, nameof(PrinterStatus.UnderTemperature), PrinterFaults.None)]
    [InlineData(11, nameof(PrinterStatus.OverTemperature), PrinterFaults.OverTemperature)]
    public void EachStringOneFlag_SetsItsOwnPropertyOnly(int field, string property, PrinterFaults fault)
    {
        var status = HostStatusParser.Parse(Reply(one: SetField(One, field, "1"))).Status!;

        Assert.Equal(true, typeof(PrinterStatus).GetProperty(property)!.GetValue(status));
        Assert.Equal(fault, status.Faults);
        AssertOnlyFlagSet(status, property);
    }

    [Theory]
    [InlineData(2, nameof(PrinterStatus.HeadOpen), PrinterFaults.HeadOpen)]
    [InlineData(3, nameof(PrinterStatus.RibbonOut), PrinterFaults.RibbonOut)]
    [InlineData(7, nameof(PrinterStatus.LabelWaiting), PrinterFaults.None)]
    public void EachStringTwoFlag_SetsItsOwnPropertyOnly(int field, string property, PrinterFaults fault)
    {
        var status = HostStatusParser.Parse(Reply(two: SetField(Two, field, "1"))).Status!;

        Assert.Equal(true, typeof(PrinterStatus).GetProperty(property)!.GetValue(status));
        Assert.Equal(fault, status.Faults);
    }

    [Fact]
    public void LabelsRemaining_IsReadFromStringTwoFieldNine_NotFromTheUnusedFieldOfStringOne()
    {
        var status = HostStatusParser.Parse(Reply(two: SetField(Two, 8, "00000042"))).Status!;

        Assert.Equal(42, status.LabelsRemaining);
    }

    [Fact]
    public void NumbersOfStringOneAndTwo_AreTyped()
    {
        var one = SetField(SetField(One, 3, "0812"), 4, "007");
        var two = SetField(SetField(Two, 5, "3"), 10, "012");

        var status = HostStatusParser.Parse(Reply(one, two, "0000,1")).Status!;

        Assert.Equal(812, status.LabelLengthDots);
        Assert.Equal(7, status.FormatsInBuffer);
        Assert.Equal(PrintMode.Cutter, status.PrintMode);
        Assert.Equal(12, status.GraphicsStored);
        Assert.True(status.StaticRamInstalled);
    }

    [Fact]
    public void SeveralFaultsAtOnce_AreAllReported()
    {
        var status = HostStatusParser.Parse(Reply(one: SetField(SetField(One, 1, "1"), 2, "1"), two: SetField(Two, 2, "1"))).Status!;

        Assert.Equal(PrinterFaults.PaperOut | PrinterFaults.Paused | PrinterFaults.HeadOpen, status.Faults);
    }

    [Theory]
    [InlineData("", HostStatusError.Empty)]
    [InlineData("\r\n", HostStatusError.Empty)]
    [InlineData("hello printer", HostStatusError.NotFramed)]
    [InlineData("\u0002030,0\u0003garbage", HostStatusError.NotFramed)]
    [InlineData("\u0003030\u0002", HostStatusError.NotFramed)]
    [InlineData("\u0002030,\u00020\u0003", HostStatusError.NotFramed)]
    public void Garbage_IsASpecificErrorNotAnException(string reply, HostStatusError expected)
    {
        var result = HostStatusParser.Parse(reply);

        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Error);
        Assert.NotNull(result.Detail);
    }

    [Fact]
    public void Null_IsEmpty() => Assert.Equal(HostStatusError.Empty, HostStatusParser.Parse(null).Error);

    [Fact]
    public void ReplyCutAfterTwoFrames_IsTruncated()
    {
        var full = Reply();
        var twoFrames = full[..(full.LastIndexOf('\u0002'))];

        Assert.Equal(HostStatusError.Truncated, HostStatusParser.Parse(twoFrames).Error);
    }

    [Fact]
    public void ReplyCutInsideTheLastFrame_IsTruncated()
    {
        var full = Reply();

        Assert.Equal(HostStatusError.Truncated, HostStatusParser.Parse(full[..^5]).Error);
    }

    [Fact]
    public void AFourthFrame_IsTooManyFrames() =>
        Assert.Equal(HostStatusError.TooManyFrames, HostStatusParser.Parse(Reply() + "\u00021234,0\u0003\r\n").Error);

    [Theory]
    [InlineData(One + ",0", Two, Three)]
    [InlineData("030,0,0,1218", Two, Three)]
    [InlineData(One, Two + ",7", Three)]
    [InlineData(One, Two, "1234")]
    public void ExtraOrMissingFields_AreWrongFieldCount(string one, string two, string three) =>
        Assert.Equal(HostStatusError.WrongFieldCount, HostStatusParser.Parse(Reply(one, two, three)).Error);

    [Theory]
    [InlineData(1, "2")]
    [InlineData(3, "12a4")]
    [InlineData(4, "")]
    [InlineData(0, "-30")]
    public void NonNumericOrNonBinaryFields_AreBadFieldValue(int field, string value)
    {
        var result = HostStatusParser.Parse(Reply(one: SetField(One, field, value)));

        Assert.Equal(HostStatusError.BadFieldValue, result.Error);
        Assert.Contains($"string 1 field {field + 1}", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownPrintMode_IsBadFieldValue() =>
        Assert.Equal(HostStatusError.BadFieldValue, HostStatusParser.Parse(Reply(two: SetField(Two, 5, "7"))).Error);

    [Fact]
    public void FarTooLongReply_IsRejectedUnparsed() =>
        Assert.Equal(HostStatusError.NotFramed, HostStatusParser.Parse(new string('\u0002', 5000)).Error);

    private static void AssertOnlyFlagSet(PrinterStatus status, string property)
    {
        var flags = typeof(PrinterStatus).GetProperties().Where(p => p.PropertyType == typeof(bool) && p.Name != property);
        foreach (var flag in flags.Where(p => p.Name != nameof(PrinterStatus.ThermalTransfer) && p.Name != nameof(PrinterStatus.FormatWhilePrinting)))
        {
            Assert.False((bool)flag.GetValue(status)!, flag.Name);
        }
    }
}
