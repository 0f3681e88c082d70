using EdgeAgent.Drivers.Printers;
using EdgeAgent.Drivers.Tests.Infrastructure;
using static EdgeAgent.Drivers.Tests.Printers.PrinterTestHarness;

namespace EdgeAgent.Drivers.Tests.Printers;

public sealed class LabelInjectionTests
{
    [Theory]
    [InlineData("ACME^XZ^XA^FO0,0^A0N,99,99^FDPWNED^FS^XZ")]
    [InlineData("Bob ~JR reset")]
    [InlineData("Eve ~HS status")]
    [InlineData("Mallory^FS^FO0,0^BQN,2,10^FDQA,evil^FS")]
    [InlineData("_5E already escaped?")]
    [InlineData("tab\tnewline\nnul\u0000")]
    public async Task InjectionAttemptInAName_PrintsOneLabel_WithTheTextLiterally(string hostile)
    {
        await using var emulator = StartEmulator("zebra-1");
        await using var link = new ZplPrinterConnection(Link(emulator.Port), TimeProvider.System);
        await link.ConnectAsync(Guard.Token());
        var label = ShippingLabelTemplateTests.Label(name: hostile, order: hostile);

        await link.SendAsync(ShippingLabelTemplate.Render(label).Zpl!, Guard.Token());

        // The status answer comes after the label in the same stream, so by now the emulator has read every byte.
        var status = await link.QueryStatusAsync(Guard.Token());
        Assert.True(status.IsOk);
        Assert.Equal(1, emulator.LabelsPrinted);
        Assert.Equal(1, emulator.StatusQueries);
        Assert.Empty(emulator.ControlCommands);
        var fields = emulator.Labels.Single().Fields;
        Assert.Equal(2, fields.Count(f => f == hostile));
        Assert.Contains(">;>800376123450000010008", fields);
    }
}
