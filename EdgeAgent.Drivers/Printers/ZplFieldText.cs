using System.Text;

namespace EdgeAgent.Drivers.Printers;

/// <summary>
/// Makes text safe inside <c>^FH_^FD … ^FS</c>: <c>^</c>, <c>~</c>, the hex indicator <c>_</c> and
/// every control character become <c>_XX</c> hex escapes of their UTF-8 bytes, so data can never
/// end a field, start a command or change the label.
/// </summary>
public static class ZplFieldText
{
    /// <summary>The field prefix that turns on hex escapes with <c>_</c> as the indicator.</summary>
    public const string HexFieldPrefix = "^FH_^FD";

    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            if (NeedsEscape(rune))
            {
                var length = rune.EncodeToUtf8(utf8);
                foreach (var b in utf8[..length])
                {
                    builder.Append('_').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(Rune rune) =>
        rune.Value is '^' or '~' or '_' || Rune.IsControl(rune) || rune.Value == 0xFEFF;
}
