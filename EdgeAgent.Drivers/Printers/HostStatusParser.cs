using System.Globalization;

namespace EdgeAgent.Drivers.Printers;

/// <summary>
/// Reads a <c>~HS</c> reply: three frames <c>STX … ETX CR LF</c> of 12, 11 and 2 comma-separated
/// fields. Never throws: anything else is a <see cref="HostStatusError"/>.
/// </summary>
public static class HostStatusParser
{
    internal const char Stx = '\u0002';
    internal const char Etx = '\u0003';
    internal const int FrameCount = 3;
    private static readonly int[] FieldCounts = [12, 11, 2];

    // A real reply is about 80 bytes; anything far larger is not a status.
    internal const int MaxReplyLength = 1024;

    public static HostStatusParseResult Parse(string? reply)
    {
        if (string.IsNullOrWhiteSpace(reply))
        {
            return HostStatusParseResult.Invalid(HostStatusError.Empty, "empty reply");
        }

        if (reply.Length > MaxReplyLength)
        {
            return HostStatusParseResult.Invalid(HostStatusError.NotFramed, $"reply of {reply.Length} chars is too long");
        }

        var framing = SplitFrames(reply, out var frames);
        if (framing is not null)
        {
            return framing;
        }

        var fields = new string[FrameCount][];
        for (var i = 0; i < FrameCount; i++)
        {
            fields[i] = frames[i].Split(',');
            if (fields[i].Length != FieldCounts[i])
            {
                return HostStatusParseResult.Invalid(
                    HostStatusError.WrongFieldCount, $"string {i + 1} has {fields[i].Length} fields, expected {FieldCounts[i]}");
            }
        }

        return Build(new FieldReader(fields));
    }

    private static HostStatusParseResult? SplitFrames(string reply, out List<string> frames)
    {
        frames = [];
        var start = -1;
        for (var i = 0; i < reply.Length; i++)
        {
            var c = reply[i];
            if (c == Stx)
            {
                if (start >= 0)
                {
                    return HostStatusParseResult.Invalid(HostStatusError.NotFramed, $"STX inside frame {frames.Count + 1}");
                }

                start = i + 1;
            }
            else if (c == Etx)
            {
                if (start < 0)
                {
                    return HostStatusParseResult.Invalid(HostStatusError.NotFramed, $"ETX without STX at {i}");
                }

                frames.Add(reply[start..i]);
                start = -1;
            }
            else if (start < 0 && c is not ('\r' or '\n'))
            {
                return HostStatusParseResult.Invalid(HostStatusError.NotFramed, $"byte 0x{(int)c:X2} outside a frame at {i}");
            }
        }

        if (frames.Count > FrameCount)
        {
            return HostStatusParseResult.Invalid(HostStatusError.TooManyFrames, $"{frames.Count} frames");
        }

        if (start >= 0 || frames.Count < FrameCount)
        {
            return HostStatusParseResult.Invalid(
                HostStatusError.Truncated, $"{frames.Count} complete frames{(start >= 0 ? " and one unterminated" : string.Empty)}");
        }

        return null;
    }

    private static HostStatusParseResult Build(FieldReader r)
    {
        var status = new PrinterStatus
        {
            CommunicationSettings = r.Number(0, 0),
            PaperOut = r.Flag(0, 1),
            Paused = r.Flag(0, 2),
            LabelLengthDots = r.Number(0, 3),
            FormatsInBuffer = r.Number(0, 4),
            BufferFull = r.Flag(0, 5),
            DiagnosticMode = r.Flag(0, 6),
            PartialFormat = r.Flag(0, 7),
            CorruptRam = r.Flag(0, 9),
            UnderTemperature = r.Flag(0, 10),
            OverTemperature = r.Flag(0, 11),
            FunctionSettings = r.Number(1, 0),
            HeadOpen = r.Flag(1, 2),
            RibbonOut = r.Flag(1, 3),
            ThermalTransfer = r.Flag(1, 4),
            PrintMode = r.Mode(1, 5),
            PrintWidthMode = r.Number(1, 6),
            LabelWaiting = r.Flag(1, 7),
            LabelsRemaining = r.Number(1, 8),
            FormatWhilePrinting = r.Flag(1, 9),
            GraphicsStored = r.Number(1, 10),
            Password = r.Number(2, 0),
            StaticRamInstalled = r.Flag(2, 1),
        };

        // Fields 1-9 (unused) of string 1 and 2-1 are not read, but must still be numbers.
        r.Number(0, 8);
        r.Number(1, 1);
        return r.Error is { } error ? HostStatusParseResult.Invalid(HostStatusError.BadFieldValue, error) : HostStatusParseResult.Valid(status);
    }

    /// <summary>Reads fields and remembers the first bad one, so building the record stays one expression.</summary>
    private sealed class FieldReader(string[][] fields)
    {
        public string? Error { get; private set; }

        public int Number(int frame, int field)
        {
            var text = fields[frame][field];
            if (text.Length is > 0 and <= 9 && text.All(char.IsAsciiDigit))
            {
                return int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
            }

            Fail(frame, field, text, "not a number");
            return 0;
        }

        public bool Flag(int frame, int field)
        {
            var text = fields[frame][field];
            if (text is "0" or "1")
            {
                return text == "1";
            }

            Fail(frame, field, text, "not a 0/1 flag");
            return false;
        }

        public PrintMode Mode(int frame, int field)
        {
            var value = Number(frame, field);
            if (Enum.IsDefined((PrintMode)value))
            {
                return (PrintMode)value;
            }

            Fail(frame, field, fields[frame][field], "not a known print mode");
            return PrintMode.TearOff;
        }

        private void Fail(int frame, int field, string text, string why) =>
            Error ??= $"string {frame + 1} field {field + 1} '{Printable(text)}' is {why}";

        private static string Printable(string text) =>
            new(text.Take(16).Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }
}
