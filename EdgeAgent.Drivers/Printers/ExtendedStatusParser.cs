using System.Globalization;

namespace EdgeAgent.Drivers.Printers;

/// <summary>
/// Reads a <c>~HQES</c> reply (<c>ERRORS: f gggggggg hhhhhhhh</c> and <c>WARNINGS: …</c> lines) as
/// bit flags, never as one value. Never throws.
/// </summary>
public static class ExtendedStatusParser
{
    public static ExtendedStatusParseResult Parse(string? reply)
    {
        if (string.IsNullOrWhiteSpace(reply))
        {
            return ExtendedStatusParseResult.Invalid(HostStatusError.Empty, "empty reply");
        }

        if (reply.Length > HostStatusParser.MaxReplyLength)
        {
            return ExtendedStatusParseResult.Invalid(HostStatusError.NotFramed, $"reply of {reply.Length} chars is too long");
        }

        var lines = reply.Split(['\r', '\n', HostStatusParser.Stx, HostStatusParser.Etx], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var errors = Group(lines, "ERRORS:");
        var warnings = Group(lines, "WARNINGS:");
        if (errors.Error is not null || warnings.Error is not null)
        {
            return ExtendedStatusParseResult.Invalid(errors.Kind == HostStatusError.None ? warnings.Kind : errors.Kind, (errors.Error ?? warnings.Error)!);
        }

        return ExtendedStatusParseResult.Valid(new(errors.Flag, (PrinterErrors)errors.Bits, warnings.Flag, (PrinterWarnings)warnings.Bits));
    }

    private static (bool Flag, long Bits, HostStatusError Kind, string? Error) Group(string[] lines, string label)
    {
        var line = Array.Find(lines, l => l.StartsWith(label, StringComparison.Ordinal));
        if (line is null)
        {
            return (false, 0, HostStatusError.Truncated, $"no {label} line");
        }

        var parts = line[label.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3)
        {
            return (false, 0, HostStatusError.WrongFieldCount, $"{label} has {parts.Length} fields, expected 3");
        }

        if (parts[0] is not ("0" or "1")
            || !IsHexGroup(parts[1], out var high)
            || !IsHexGroup(parts[2], out var low))
        {
            return (false, 0, HostStatusError.BadFieldValue, $"{label} '{line[label.Length..].Trim()}' is not a flag and two groups of 8 hex digits");
        }

        return (parts[0] == "1", (high << 32) | low, HostStatusError.None, null);
    }

    private static bool IsHexGroup(string text, out long value)
    {
        value = 0;
        return text.Length == 8 && long.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
