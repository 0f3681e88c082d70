using System.Text;
using System.Text.RegularExpressions;
using EdgeAgent.Drivers.Printers;
using ZXing;
using ZXing.OneD;

namespace EdgeAgent.Drivers.Tests.Printers;

public sealed class ZplPreviewTests
{
    private static readonly ShippingLabel Label = new()
    {
        Sscc = "106141411234567897",
        ShipToName = "Müller & Söhne ^FS~",
        ShipToAddress = ["Hauptstraße 1", "10115 Berlin"],
        OrderNumber = "SO-4711",
        Carrier = "DHL",
    };

    [Fact]
    public void TheTemplatesLabel_IsDrawnWhole_WithItsTextUnescaped()
    {
        var zpl = Encoding.UTF8.GetString(ShippingLabelTemplate.Render(Label).Zpl!);

        var preview = ZplPreview.Render(zpl);

        Assert.Empty(preview.Unsupported);
        Assert.StartsWith("<svg", preview.Svg, StringComparison.Ordinal);
        Assert.Contains("viewBox=\"0 0 812 1218\"", preview.Svg, StringComparison.Ordinal);
        // The ZPL's hex escapes are undone; the SVG escapes the text as XML (non-ASCII as character references).
        Assert.Contains(System.Net.WebUtility.HtmlEncode("Müller & Söhne ^FS~"), preview.Svg, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode("Hauptstraße 1"), preview.Svg, StringComparison.Ordinal);
        Assert.Contains("(00) 106141411234567897", preview.Svg, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDrawnBarcode_DecodesToTheSscc_WithAnIndependentReader()
    {
        var zpl = Encoding.UTF8.GetString(ShippingLabelTemplate.Render(Label).Zpl!);
        var svg = ZplPreview.Render(zpl).Svg;
        var bars = Regex.Matches(svg, @"M(\d+),\d+h(\d+)v").Select(m => (X: int.Parse(m.Groups[1].Value), W: int.Parse(m.Groups[2].Value))).ToList();

        // One row of the drawn symbol, one pixel per dot, with a quiet zone, read by ZXing's Code 128 reader.
        var row = new ZXing.Common.BitArray(bars[^1].X + bars[^1].W + 120);
        foreach (var (x, w) in bars)
        {
            row.setRange(x + 60 - bars[0].X, x + 60 - bars[0].X + w);
        }

        var result = new Code128Reader().decodeRow(0, row, new Dictionary<DecodeHintType, object>());

        Assert.NotNull(result);
        Assert.Equal(BarcodeFormat.CODE_128, result.BarcodeFormat);
        Assert.EndsWith("00106141411234567897", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownCommand_IsReported_NotGuessed()
    {
        var preview = ZplPreview.Render("^XA^FO10,10^A0N,30,30^FDHi^FS^GC50,2^XZ");

        Assert.Equal(["^GC"], preview.Unsupported);
        Assert.Contains(">Hi</text>", preview.Svg, StringComparison.Ordinal);
    }
}
