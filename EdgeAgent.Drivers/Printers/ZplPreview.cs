using System.Globalization;
using System.Net;
using System.Text;

namespace EdgeAgent.Drivers.Printers;

/// <summary>
/// Draws ZPL as SVG, one dot to one unit, so the console shows a label as the printer will print it. It knows
/// what our templates use: <c>^PW ^LL ^FO ^A ^FH ^FD ^FS ^BY ^BC ^GB ^CI</c>; other commands are listed in
/// <see cref="ZplPreviewResult.Unsupported"/> rather than silently guessed at.
/// </summary>
public static class ZplPreview
{
    private const int DefaultWidth = 812;
    private const int DefaultLength = 1218;

    public static ZplPreviewResult Render(string zpl)
    {
        ArgumentNullException.ThrowIfNull(zpl);
        var page = new Page();
        foreach (var command in Commands(zpl))
        {
            Apply(page, command);
        }

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {page.Width} {page.Length}\" width=\"{page.Width / 2}\" height=\"{page.Length / 2}\" role=\"img\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{page.Width}\" height=\"{page.Length}\" fill=\"#fff\"/>");
        svg.Append(page.Body);
        svg.Append("</svg>");
        return new ZplPreviewResult(svg.ToString(), page.Unsupported);
    }

    /// <summary>Splits the format into commands (<c>^XX…</c> / <c>~XX…</c>), keeping a field's data whole up to its <c>^FS</c>.</summary>
    private static IEnumerable<string> Commands(string zpl)
    {
        var i = 0;
        while (i < zpl.Length)
        {
            var start = zpl.IndexOfAny(['^', '~'], i);
            if (start < 0)
            {
                yield break;
            }

            var isData = string.CompareOrdinal(zpl, start + 1, "FD", 0, 2) == 0;
            var end = isData ? zpl.IndexOf("^FS", start + 3, StringComparison.Ordinal) : zpl.IndexOfAny(['^', '~'], start + 1);
            if (end < 0)
            {
                end = zpl.Length;
            }

            yield return zpl[start..end].TrimEnd('\r', '\n');
            i = end;
        }
    }

    private static void Apply(Page page, string command)
    {
        if (command.Length < 3)
        {
            return;
        }

        var name = command[1..3].ToUpperInvariant();
        var args = command[3..].Split(',');
        switch (name)
        {
            case "XA" or "XZ" or "CI" or "FS":
                if (name == "FS")
                {
                    page.EndField();
                }

                break;
            case "PW": page.Width = Int(args, 0, DefaultWidth); break;
            case "LL": page.Length = Int(args, 0, DefaultLength); break;
            case "FO": page.X = Int(args, 0, 0); page.Y = Int(args, 1, 0); break;
            case "BY": page.Module = Math.Max(1, Int(args, 0, 2)); break;
            case "FH": page.HexIndicator = command.Length > 3 ? command[3] : '_'; break;
            case "GB": page.Box(Int(args, 0, 1), Int(args, 1, 1), Int(args, 2, 1)); break;
            case "BC": page.Barcode = Int(args, 1, 10 * page.Module); page.BarcodeLine = !args.ElementAtOrDefault(2)?.Equals("N", StringComparison.OrdinalIgnoreCase) ?? true; break;
            case "FD": page.Data(command[3..]); break;
            default:
                if (name[0] == 'A')
                {
                    page.FontHeight = Int(args, 1, 30);
                    break;
                }

                page.Unsupported.Add(command[..3]);
                break;
        }
    }

    private static int Int(string[] args, int index, int fallback) =>
        index < args.Length && int.TryParse(args[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    private sealed class Page
    {
        public int Width { get; set; } = DefaultWidth;
        public int Length { get; set; } = DefaultLength;
        public int X { get; set; }
        public int Y { get; set; }
        public int Module { get; set; } = 2;
        public int FontHeight { get; set; } = 30;
        public char? HexIndicator { get; set; }
        public int? Barcode { get; set; }
        public bool BarcodeLine { get; set; }
        public StringBuilder Body { get; } = new();
        public List<string> Unsupported { get; } = [];

        public void EndField()
        {
            HexIndicator = null;
            Barcode = null;
        }

        public void Box(int width, int height, int thickness) => Body.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{X + (thickness / 2.0)}\" y=\"{Y + (thickness / 2.0)}\" width=\"{Math.Max(0, width - thickness)}\" height=\"{Math.Max(0, height - thickness)}\" fill=\"none\" stroke=\"#000\" stroke-width=\"{thickness}\"/>");

        public void Data(string raw)
        {
            var text = HexIndicator is { } indicator ? Unhex(raw, indicator) : raw;
            if (Barcode is { } height)
            {
                Bars(text, height);
                return;
            }

            Body.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{X}\" y=\"{Y + (FontHeight * 0.85)}\" font-family=\"'Arial Narrow','Liberation Sans Narrow',Arial,sans-serif\" font-size=\"{FontHeight}\" font-weight=\"bold\">{WebUtility.HtmlEncode(text)}</text>");
        }

        private void Bars(string data, int height)
        {
            var x = X;
            var bar = true;
            var path = new StringBuilder();
            foreach (var width in Code128.Modules(data))
            {
                if (bar)
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x},{Y}h{width * Module}v{height}h-{width * Module}z");
                }

                x += width * Module;
                bar = !bar;
            }

            Body.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" fill=\"#000\" data-code128=\"{WebUtility.HtmlEncode(data)}\"/>");
        }

        private static string Unhex(string raw, char indicator)
        {
            var bytes = new List<byte>();
            for (var i = 0; i < raw.Length; i++)
            {
                if (raw[i] == indicator && i + 2 < raw.Length && byte.TryParse(raw.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
                {
                    bytes.Add(b);
                    i += 2;
                }
                else
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(raw[i].ToString()));
                }
            }

            return Encoding.UTF8.GetString([.. bytes]);
        }
    }
}

/// <summary>The SVG of a label, and the ZPL commands it could not draw (empty when everything was drawn).</summary>
public sealed record ZplPreviewResult(string Svg, IReadOnlyList<string> Unsupported);
