using EdgeAgent.Drivers.Printers;
using EdgeAgent.Drivers.Tests.Infrastructure;
using static EdgeAgent.Drivers.Tests.Printers.PrinterTestHarness;

namespace EdgeAgent.Drivers.Tests.Printers;

public sealed class ExtendedStatusParserTests
{
    private static string Reply(string errors, string warnings = "0 00000000 00000000") =>
        $"\u0002\r\n  PRINTER STATUS\r\n   ERRORS:         {errors}\r\n   WARNINGS:       {warnings}\r\n\u0003\r\n";

    [Fact]
    public void NoErrors_ParsesToNoFlags()
    {
        var status = ExtendedStatusParser.Parse(Reply("0 00000000 00000000")).Status!;

        Assert.Equal(new ExtendedStatus(false, PrinterErrors.None, false, PrinterWarnings.None), status);
        Assert.Equal(PrinterFaults.None, status.Faults);
    }

    [Theory]
    [InlineData("1 00000000 00000001", PrinterErrors.MediaOut)]
    [InlineData("1 00000000 00000002", PrinterErrors.RibbonOut)]
    [InlineData("1 00000000 00000004", PrinterErrors.HeadOpen)]
    [InlineData("1 00000000 00000008", PrinterErrors.CutterFault)]
    [InlineData("1 00000000 00000010", PrinterErrors.HeadOverTemperature)]
    [InlineData("1 00000000 00000020", PrinterErrors.MotorOverTemperature)]
    [InlineData("1 00000000 00000040", PrinterErrors.BadPrintElement)]
    [InlineData("1 00000000 00000080", PrinterErrors.HeadDetectionError)]
    [InlineData("1 00000000 00010000", PrinterErrors.Paused)]
    public void EachErrorBit_IsItsOwnFlag(string errors, PrinterErrors expected)
    {
        var status = ExtendedStatusParser.Parse(Reply(errors)).Status!;

        Assert.True(status.HasErrors);
        Assert.Equal(expected, status.Errors);
    }

    [Fact]
    public void SeveralErrorsAndWarnings_AreReadAsBitsNotAsOneValue()
    {
        var status = ExtendedStatusParser.Parse(Reply("1 00000000 00010005", "1 00000000 0000000A")).Status!;

        Assert.Equal(PrinterErrors.MediaOut | PrinterErrors.HeadOpen | PrinterErrors.Paused, status.Errors);
        Assert.Equal(PrinterWarnings.CleanPrinthead | PrinterWarnings.PaperNearEnd, status.Warnings);
        Assert.Equal(PrinterFaults.PaperOut | PrinterFaults.HeadOpen | PrinterFaults.Paused, status.Faults);
    }

    [Fact]
    public void BitsOfTheHighGroup_AreKept() =>
        Assert.Equal(0x1_0000_0000L, (long)ExtendedStatusParser.Parse(Reply("1 00000001 00000000")).Status!.Errors);

    [Theory]
    [InlineData("", HostStatusError.Empty)]
    [InlineData("PRINTER STATUS\r\n", HostStatusError.Truncated)]
    [InlineData("ERRORS: 1 00000001\r\nWARNINGS: 0 00000000 00000000", HostStatusError.WrongFieldCount)]
    [InlineData("ERRORS: 2 00000000 00000001\r\nWARNINGS: 0 00000000 00000000", HostStatusError.BadFieldValue)]
    [InlineData("ERRORS: 1 00000000 0000000G\r\nWARNINGS: 0 00000000 00000000", HostStatusError.BadFieldValue)]
    public void Garbage_IsASpecificError(string reply, HostStatusError expected) =>
        Assert.Equal(expected, ExtendedStatusParser.Parse(reply).Error);

    [Fact]
    public async Task EmulatorWithHeadOpenAndPaused_AnswersHqesWithBothBits()
    {
        await using var emulator = StartEmulator("zebra-1");
        emulator.HeadOpen = true;
        emulator.Paused = true;
        await using var link = new ZplPrinterConnection(Link(emulator.Port), TimeProvider.System);
        await link.ConnectAsync(Guard.Token());

        var result = await link.QueryExtendedStatusAsync(Guard.Token());

        Assert.Equal(PrinterErrors.HeadOpen | PrinterErrors.Paused, result.Status!.Errors);
    }
}
