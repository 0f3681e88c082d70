using System.Text;

namespace EdgeAgent.Simulators.Printers;

/// <summary>Reads the field data (<c>^FD … </c>) of a format, applying <c>^FH</c> hex escapes, as the printer would print it.</summary>
internal static class ZplFieldDecoder
{
    public static IReadOnlyList<string> Fields(byte[] format)
    {
        var fields = new List<string>();
        byte? hexIndicator = null;
        var i = 0;
        while (i < format.Length)
        {
            if (format[i] != '^' || i + 2 >= format.Length)
            {
                i++;
                continue;
            }

            var command = Encoding.ASCII.GetString(format, i + 1, 2);
            i += 3;
            if (command == "FH")
            {
                hexIndicator = i < format.Length && format[i] != '^' ? format[i] : (byte)'_';
            }
            else if (command == "FS")
            {
                hexIndicator = null;
            }
            else if (command == "FD")
            {
                var end = Array.IndexOf(format, (byte)'^', i);
                end = end < 0 ? format.Length : end;
                fields.Add(Decode(format.AsSpan(i, end - i), hexIndicator));
                i = end;
            }
        }

        return fields;
    }

    private static string Decode(ReadOnlySpan<byte> data, byte? indicator)
    {
        var bytes = new List<byte>(data.Length);
        for (var i = 0; i < data.Length; i++)
        {
            if (indicator is { } hex && data[i] == hex && i + 2 < data.Length && IsHex(data[i + 1]) && IsHex(data[i + 2]))
            {
                bytes.Add(Convert.FromHexString(Encoding.ASCII.GetString(data.Slice(i + 1, 2)))[0]);
                i += 2;
            }
            else
            {
                bytes.Add(data[i]);
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);
}
