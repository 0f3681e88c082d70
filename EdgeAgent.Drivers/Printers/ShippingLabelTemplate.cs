using System.Text;

namespace EdgeAgent.Drivers.Printers;

/// <summary>
/// Renders a 4×6 in (203 dpi) carton label: carrier, ship-to, order number and the SSCC as a
/// GS1-128 barcode (<c>^BC</c> with <c>&gt;;&gt;8</c>: subset C, FNC1, then AI 00). All free text goes
/// through <see cref="ZplFieldText"/>, so no data can inject ZPL.
/// </summary>
public static class ShippingLabelTemplate
{
    public const int MaxTextLength = 60;
    public const int MaxAddressLines = 4;

    public static LabelRenderResult Render(ShippingLabel label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (!Sscc.IsValid(label.Sscc))
        {
            return LabelRenderResult.Invalid(LabelError.InvalidSscc, "SSCC must be 18 digits with a valid check digit");
        }

        var texts = new List<(string Name, string? Value)>
        {
            ("carrier", label.Carrier), ("ship-to name", label.ShipToName), ("order number", label.OrderNumber),
        };
        texts.AddRange((label.ShipToAddress ?? []).Select((line, i) => ($"address line {i + 1}", (string?)line)));
        if (label.ShipToAddress is not { Count: > 0 and <= MaxAddressLines })
        {
            return LabelRenderResult.Invalid(LabelError.MissingField, $"ship-to address needs 1 to {MaxAddressLines} lines");
        }

        foreach (var (name, value) in texts)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return LabelRenderResult.Invalid(LabelError.MissingField, $"{name} is empty");
            }

            if (value.Length > MaxTextLength)
            {
                return LabelRenderResult.Invalid(LabelError.FieldTooLong, $"{name} is longer than {MaxTextLength} characters");
            }
        }

        return LabelRenderResult.Valid(Encoding.UTF8.GetBytes(Build(label)));
    }

    private static string Build(ShippingLabel label)
    {
        var zpl = new StringBuilder();

        // ^CI28: field data is UTF-8, so names in any script print as given.
        zpl.Append("^XA^CI28^PW812^LL1218\n");
        Text(zpl, 40, 40, 40, label.Carrier);
        zpl.Append("^FO40,110^A0N,28,28^FDSHIP TO^FS\n");
        Text(zpl, 40, 150, 40, label.ShipToName);
        var y = 200;
        foreach (var line in label.ShipToAddress)
        {
            Text(zpl, 40, y, 32, line);
            y += 42;
        }

        zpl.Append("^FO40,420^A0N,28,28^FDORDER^FS\n");
        Text(zpl, 160, 420, 28, label.OrderNumber);

        // Digits only (validated above), so the barcode field needs no escaping; >; is subset C, >8 is FNC1.
        zpl.Append("^FO60,520^BY3^BCN,220,N,N,N^FD>;>800").Append(label.Sscc).Append("^FS\n");
        zpl.Append("^FO60,760^A0N,32,32^FD(00) ").Append(label.Sscc).Append("^FS\n");
        zpl.Append("^XZ\n");
        return zpl.ToString();
    }

    private static void Text(StringBuilder zpl, int x, int y, int height, string value) =>
        zpl.Append("^FO").Append(x).Append(',').Append(y)
            .Append("^A0N,").Append(height).Append(',').Append(height)
            .Append(ZplFieldText.HexFieldPrefix).Append(ZplFieldText.Escape(value)).Append("^FS\n");
}
