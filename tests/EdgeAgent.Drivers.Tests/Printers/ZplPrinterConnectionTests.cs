using System.Text;
using EdgeAgent.Drivers.Printers;
using EdgeAgent.Drivers.Tests.Infrastructure;
using EdgeAgent.Simulators.Printers;
using static EdgeAgent.Drivers.Tests.Printers.PrinterTestHarness;

namespace EdgeAgent.Drivers.Tests.Printers;

public sealed class ZplPrinterConnectionTests
{
    [Fact]
    public async Task Label_IsPrintedByTheEmulator_AndStatusReadsBack()
    {
        await using var emulator = StartEmulator("zebra-1");
        await using var link = new ZplPrinterConnection(Link(emulator.Port), TimeProvider.System);

        Assert.True((await link.ConnectAsync(Guard.Token())).IsOk);
        Assert.True((await link.SendAsync(Job("job-1").Zpl, Guard.Token())).IsOk);
        await emulator.WaitForLabelsAsync(1, Guard.Token());
        var status = await link.QueryStatusAsync(Guard.Token());

        Assert.True(status.IsOk);
        Assert.Equal(PrinterFaults.None, status.Faults);
        Assert.Equal(["job-1"], emulator.Labels.Single().Fields);
    }

    [Theory]
    [InlineData(nameof(ZplPrinterEmulator.PaperOut), PrinterFaults.PaperOut)]
    [InlineData(nameof(ZplPrinterEmulator.HeadOpen), PrinterFaults.HeadOpen)]
    [InlineData(nameof(ZplPrinterEmulator.Paused), PrinterFaults.Paused)]
    [InlineData(nameof(ZplPrinterEmulator.RibbonOut), PrinterFaults.RibbonOut)]
    public async Task EmulatorFault_IsReadFromHostStatus(string condition, PrinterFaults expected)
    {
        await using var emulator = StartEmulator("zebra-1");
        typeof(ZplPrinterEmulator).GetProperty(condition)!.SetValue(emulator, true);
        await using var link = new ZplPrinterConnection(Link(emulator.Port), TimeProvider.System);
        await link.ConnectAsync(Guard.Token());

        var status = await link.QueryStatusAsync(Guard.Token());

        Assert.Equal(expected, status.Faults);
    }

    [Fact]
    public async Task FormatsSentWhilePaperIsOut_WaitInTheBuffer_AndShowInStatus()
    {
        await using var emulator = StartEmulator("zebra-1");
        emulator.PaperOut = true;
        await using var link = new ZplPrinterConnection(Link(emulator.Port), TimeProvider.System);
        await link.ConnectAsync(Guard.Token());
        await link.SendAsync(Job("a").Zpl, Guard.Token());
        await link.SendAsync(Job("b").Zpl, Guard.Token());

        var status = await link.QueryStatusAsync(Guard.Token());
        emulator.Resume();
        await emulator.WaitForLabelsAsync(2, Guard.Token());

        Assert.Equal(2, status.Status!.FormatsInBuffer);
        Assert.Equal(2, status.Status.LabelsRemaining);
    }

    [Fact]
    public async Task SilentPrinter_IsNoResponse_NotAnException()
    {
        await using var emulator = StartEmulator("zebra-1");
        emulator.Silent = true;
        await using var link = new ZplPrinterConnection(Link(emulator.Port, Quiet), TimeProvider.System);
        await link.ConnectAsync(Guard.Token());

        var status = await link.QueryStatusAsync(Guard.Token());

        Assert.Equal(PrinterLinkError.NoResponse, status.Error);
        Assert.Equal(PrinterFaults.NoResponse, status.Faults);
        Assert.False(link.IsConnected);
    }

    [Fact]
    public async Task HalfOpenPeerThatNeverAnswers_IsNoResponse()
    {
        await using var peer = new ScriptedPrinterPeer(reply: null);
        await using var link = new ZplPrinterConnection(Link(peer.Port, Quiet), TimeProvider.System);
        await link.ConnectAsync(Guard.Token());

        Assert.Equal(PrinterLinkError.NoResponse, (await link.QueryStatusAsync(Guard.Token())).Error);
    }

    [Fact]
    public async Task PeerClosingMidReply_IsClosedMidReply()
    {
        var half = Encoding.ASCII.GetBytes(HostStatusParserTests.Reply()[..40]);
        await using var peer = new ScriptedPrinterPeer(half, closeAfterReply: true);
        await using var link = new ZplPrinterConnection(Link(peer.Port), TimeProvider.System);
        await link.ConnectAsync(Guard.Token());

        Assert.Equal(PrinterLinkError.ClosedMidReply, (await link.QueryStatusAsync(Guard.Token())).Error);
    }

    [Theory]
    [InlineData("OK\r\n", HostStatusError.NotFramed)]
    [InlineData("\u0002030,0,0\u0003\r\n\u0002001\u0003\r\n\u00021234,0\u0003\r\n", HostStatusError.WrongFieldCount)]
    public async Task GarbageReply_IsBadReplyWithTheParseError(string reply, HostStatusError expected)
    {
        await using var peer = new ScriptedPrinterPeer(Encoding.ASCII.GetBytes(reply));
        await using var link = new ZplPrinterConnection(Link(peer.Port), TimeProvider.System);
        await link.ConnectAsync(Guard.Token());

        var status = await link.QueryStatusAsync(Guard.Token());

        Assert.Equal(PrinterLinkError.BadReply, status.Error);
        Assert.Equal(expected, status.ParseError);
        Assert.Equal(PrinterFaults.BadStatusReply, status.Faults);
    }

    [Fact]
    public async Task NobodyListening_IsConnectionRefused()
    {
        await using var link = new ZplPrinterConnection(Link(ClosedPort()), TimeProvider.System);

        var result = await link.ConnectAsync(Guard.Token());

        Assert.Equal(PrinterLinkError.ConnectionRefused, result.Error);
        Assert.Equal(PrinterLinkError.NotConnected, (await link.QueryStatusAsync(Guard.Token())).Error);
    }
}
