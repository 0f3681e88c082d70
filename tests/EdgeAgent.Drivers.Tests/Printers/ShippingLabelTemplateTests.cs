using System.Text;
using EdgeAgent.Drivers.Printers;

namespace EdgeAgent.Drivers.Tests.Printers;

public sealed class ShippingLabelTemplateTests
{
    internal static ShippingLabel Label(string name = "ACME Stores", string order = "SO-1042") => new()
    {
        Sscc = "376123450000010008",
        ShipToName = name,
        ShipToAddress = ["12 Dock Road", "Rotterdam 3011"],
        OrderNumber = order,
        Carrier = "DHL Freight",
    };

    [Fact]
    public void ShippingLabel_EncodesTheSsccAsGs1128WithFnc1AndAi00()
    {
        var zpl = Encoding.UTF8.GetString(ShippingLabelTemplate.Render(Label()).Zpl!);

        Assert.StartsWith("^XA", zpl, StringComparison.Ordinal);
        Assert.EndsWith("^XZ\n", zpl, StringComparison.Ordinal);
        Assert.Contains("^BCN,220,N,N,N^FD>;>800376123450000010008^FS", zpl, StringComparison.Ordinal);
        Assert.Contains("^FH_^FDACME Stores^FS", zpl, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("37612345000001000")]
    [InlineData("376123450000010009")]
    [InlineData("37612345000001000A")]
    public void WrongSscc_IsRefusedWithASpecificError(string sscc) =>
        Assert.Equal(LabelError.InvalidSscc, ShippingLabelTemplate.Render(Label() with { Sscc = sscc }).Error);

    [Fact]
    public void EmptyNameOrTooManyAddressLines_AreRefused()
    {
        Assert.Equal(LabelError.MissingField, ShippingLabelTemplate.Render(Label(name: " ")).Error);
        Assert.Equal(LabelError.MissingField, ShippingLabelTemplate.Render(Label() with { ShipToAddress = ["1", "2", "3", "4", "5"] }).Error);
        Assert.Equal(LabelError.FieldTooLong, ShippingLabelTemplate.Render(Label(name: new string('x', 61))).Error);
    }

    [Theory]
    [InlineData("a^b", "a_5Eb")]
    [InlineData("a~b", "a_7Eb")]
    [InlineData("snake_case", "snake_5Fcase")]
    [InlineData("line\nbreak\r\u0000", "line_0Abreak_0D_00")]
    [InlineData("Zoë Øster", "Zoë Øster")]
    public void FieldText_EscapesEverythingThatCouldBeACommand(string text, string escaped) =>
        Assert.Equal(escaped, ZplFieldText.Escape(text));

    [Fact]
    public void EscapedText_NeverContainsACaretOrATilde()
    {
        var all = new string(Enumerable.Range(0, 256).Select(i => (char)i).ToArray());

        var escaped = ZplFieldText.Escape(all);

        Assert.DoesNotContain('^', escaped);
        Assert.DoesNotContain('~', escaped);
        Assert.DoesNotContain(escaped, c => c < 0x20);
    }
}
