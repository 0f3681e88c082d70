namespace EdgeAgent.Drivers.Scanners;

/// <summary>
/// Splits a GS1 element string into elements: predefined-length AIs take exactly their length, every
/// other AI runs to the next group separator (FNC1, ASCII 29) or the end. Returns an error, never throws.
/// </summary>
internal static class Gs1ElementStringParser
{
    public const char GroupSeparator = '\u001D';

    public static Gs1Error? TryParse(string raw, int start, int currentYear, out Gs1Data? data)
    {
        data = null;
        var i = start;
        if (i < raw.Length && raw[i] == GroupSeparator)
        {
            i++; // some scanners transmit the leading FNC1 (the GS1 flag) as a separator too
        }

        if (i >= raw.Length)
        {
            return new Gs1Error(Gs1ErrorCode.Empty, "The GS1 symbol carries no element string", null, start);
        }

        var elements = new List<Gs1Element>();
        while (i < raw.Length)
        {
            var error = ReadElement(raw, ref i, currentYear, out var element)
                ?? Duplicate(elements, element!);
            if (error is not null)
            {
                return error;
            }

            elements.Add(element!);
        }

        data = new Gs1Data(elements);
        return Gs1CompanionRules.Check(data);
    }

    private static Gs1Error? ReadElement(string raw, ref int i, int currentYear, out Gs1Element? element)
    {
        element = null;
        var position = i;
        if (raw[i] == GroupSeparator)
        {
            return new Gs1Error(Gs1ErrorCode.Malformed, $"Two separators in a row at position {i}: an element is empty", null, i);
        }

        if (i + 2 > raw.Length || !char.IsAsciiDigit(raw[i]) || !char.IsAsciiDigit(raw[i + 1]))
        {
            return new Gs1Error(Gs1ErrorCode.Malformed, $"Expected an application identifier (digits) at position {i}, found '{Printable(raw, i)}'", null, i);
        }

        if (Gs1ApplicationIdentifiers.Match(raw, i) is not { } ai)
        {
            var prefix = raw.Substring(i, Math.Min(4, raw.Length - i));
            return new Gs1Error(Gs1ErrorCode.UnknownAi, $"Unknown application identifier ({raw.Substring(i, 2)}) at position {i}: no known AI starts '{Printable(prefix)}'", raw.Substring(i, 2), i);
        }

        var dataStart = i + ai.Ai.Length;
        var error = ai.IsPredefinedLength
            ? ReadPredefined(raw, ai, position, dataStart, out var value, out i)
            : ReadDelimited(raw, ai, position, dataStart, out value, out i);
        if (error is not null)
        {
            return error;
        }

        return Validate(ai, value!, position, dataStart, currentYear, out element);
    }

    private static Gs1Error? ReadPredefined(string raw, Gs1ApplicationIdentifier ai, int position, int dataStart, out string? value, out int next)
    {
        value = null;
        next = raw.Length;
        var end = dataStart + ai.MaxLength;
        var available = Math.Min(end, raw.Length) - dataStart;
        var separator = raw.IndexOf(GroupSeparator, dataStart, available);
        if (separator >= 0)
        {
            return new Gs1Error(
                Gs1ErrorCode.BadLength,
                $"AI ({ai.Ai}) at position {position} has a fixed length of {ai.MaxLength} but a separator comes after {separator - dataStart} characters, at position {separator}",
                ai.Ai,
                separator);
        }

        if (end > raw.Length)
        {
            return new Gs1Error(
                Gs1ErrorCode.BadLength,
                $"AI ({ai.Ai}) at position {position} needs {ai.MaxLength} characters but only {available} remain: the scan is truncated",
                ai.Ai,
                position);
        }

        value = raw[dataStart..end];

        // A separator after a predefined-length field is not needed, but encoders add one: tolerate it.
        next = end < raw.Length && raw[end] == GroupSeparator ? end + 1 : end;
        return null;
    }

    private static Gs1Error? ReadDelimited(string raw, Gs1ApplicationIdentifier ai, int position, int dataStart, out string? value, out int next)
    {
        var separator = raw.IndexOf(GroupSeparator, dataStart);
        var end = separator < 0 ? raw.Length : separator;
        value = raw[dataStart..end];
        next = separator < 0 ? raw.Length : separator + 1; // a trailing separator is tolerated
        if (value.Length > ai.MaxLength)
        {
            var code = ai.IsFixedLength ? Gs1ErrorCode.BadLength : Gs1ErrorCode.TooLong;
            return new Gs1Error(
                code,
                $"AI ({ai.Ai}) at position {position} takes at most {ai.MaxLength} characters, found {value.Length} (a missing separator?)",
                ai.Ai,
                position);
        }

        if (value.Length < ai.MinLength)
        {
            var expected = ai.IsFixedLength ? $"exactly {ai.MinLength}" : $"at least {ai.MinLength}";
            return new Gs1Error(Gs1ErrorCode.BadLength, $"AI ({ai.Ai}) at position {position} needs {expected} characters, found {value.Length}", ai.Ai, position);
        }

        return null;
    }

    private static Gs1Error? Validate(Gs1ApplicationIdentifier ai, string value, int position, int dataStart, int currentYear, out Gs1Element? element)
    {
        element = null;
        for (var k = 0; k < value.Length; k++)
        {
            var c = value[k];
            if (ai.IsNumeric ? !char.IsAsciiDigit(c) : !IsGs1Character(c))
            {
                var allowed = ai.IsNumeric ? "digits only" : "the GS1 character set 82 only";
                return new Gs1Error(Gs1ErrorCode.BadCharacter, $"AI ({ai.Ai}) at position {position} allows {allowed}; '{Printable(value, k)}' at position {dataStart + k}", ai.Ai, dataStart + k);
            }
        }

        DateOnly? date = null;
        switch (ai.Kind)
        {
            case Gs1ValueKind.NumericWithCheckDigit when !Gs1CheckDigit.IsValid(value):
                var expected = Gs1CheckDigit.Compute(value.AsSpan(0, value.Length - 1));
                return new Gs1Error(
                    Gs1ErrorCode.BadCheckDigit,
                    $"AI ({ai.Ai}) at position {position}: check digit {value[^1]} should be {expected}",
                    ai.Ai,
                    dataStart + value.Length - 1);
            case Gs1ValueKind.Date:
                if (!Gs1Date.TryParse(value, currentYear, out var parsed, out var reason))
                {
                    return new Gs1Error(Gs1ErrorCode.BadDate, $"AI ({ai.Ai}) at position {position}: '{value}' is not a YYMMDD date: {reason}", ai.Ai, position);
                }

                date = parsed;
                break;
        }

        element = new Gs1Element(ai.Ai, value, position) { Date = date };
        return null;
    }

    private static Gs1Error? Duplicate(List<Gs1Element> elements, Gs1Element element)
    {
        foreach (var earlier in elements)
        {
            if (earlier.Ai == element.Ai && earlier.Value != element.Value)
            {
                return new Gs1Error(
                    Gs1ErrorCode.ConflictingAis,
                    $"AI ({element.Ai}) at position {element.Position} repeats the one at position {earlier.Position} with a different value",
                    element.Ai,
                    element.Position);
            }
        }

        return null;
    }

    /// <summary>GS1 AI encodable character set 82.</summary>
    private static bool IsGs1Character(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '"' or '%' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or '-' or '.' or '/'
            or ':' or ';' or '<' or '=' or '>' or '?' or '_';

    private static string Printable(string text, int index) => index < text.Length ? Printable(text.Substring(index, 1)) : "end";

    private static string Printable(string text) =>
        string.Concat(text.Select(c => c < ' ' || c == 127 ? $"\\x{(int)c:X2}" : c.ToString()));
}
